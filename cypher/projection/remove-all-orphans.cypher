// After a rebuild: securities that no group refers to any more (their symbols, for the caches to forget).
MATCH (s:Security)
WHERE NOT s:ETF AND NOT (s)--()
WITH s, s.symbol AS symbol
DELETE s
RETURN symbol
