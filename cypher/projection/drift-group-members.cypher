// Every membership of one group type, for the drift check.
MATCH (g:__LABEL__)<-[r:__REL__]-(s)
RETURN g.key AS key, s.symbol AS symbol,
       CASE WHEN r.weight IS NULL THEN null ELSE toInteger(round(r.weight * 1000000)) END AS weight
