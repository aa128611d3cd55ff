// One batch of a group's members. Returns the funds among them whose node this renamed (a fund's own row reads it).
MATCH (g:__LABEL__ {key: $key})
UNWIND $rows AS row
MERGE (s:Security {symbol: row.symbol})
WITH g, row, s, s:ETF AND coalesce(row.name, s.name) <> s.name AS renamedFund
SET s:Stock, s.name = coalesce(row.name, s.name)
CREATE (s)-[m:__REL__]->(g)
SET m += row.props
WITH s, renamedFund
WHERE renamedFund
RETURN DISTINCT s.symbol AS fund
