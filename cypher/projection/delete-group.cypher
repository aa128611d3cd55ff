MATCH (g:__LABEL__ {key: $key})
OPTIONAL MATCH (g)<-[r]-(s)
WITH g, collect(s.symbol) AS previous
DETACH DELETE g
RETURN previous
