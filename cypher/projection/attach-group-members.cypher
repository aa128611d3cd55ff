// One batch of a group's members.
MATCH (g:__LABEL__ {key: $key})
UNWIND $rows AS row
MERGE (s:Security {symbol: row.symbol})
SET s:Stock, s.name = coalesce(row.name, s.name)
CREATE (s)-[m:__REL__]->(g)
SET m += row.props
