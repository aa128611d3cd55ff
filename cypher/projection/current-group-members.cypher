// What the graph holds for these groups now, one row per membership: the projection writes only the difference.
UNWIND $keys AS key
MATCH (g:__LABEL__ {key: key})<-[r:__REL__]-(s)
RETURN key, elementId(r) AS rel, s.symbol AS symbol, s.name AS name, properties(r) AS props
