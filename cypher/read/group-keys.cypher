MATCH (g:__LABEL__) RETURN g.key AS key ORDER BY key
