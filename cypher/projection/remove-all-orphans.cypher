// After a rebuild: securities that no group refers to any more.
MATCH (s:Security)
WHERE NOT s:ETF AND NOT (s)--()
DELETE s
