// Securities that lost their last membership: a fund keeps its node but is no longer a :Stock; anything else goes.
UNWIND $symbols AS symbol
MATCH (s:Security {symbol: symbol})
WHERE NOT ()-[:HOLDS]->(s) AND NOT (s)-[:IN_SECTOR|IN_INDUSTRY|IN_THEME|MEMBER_OF]->()
FOREACH (_ IN CASE WHEN s:ETF THEN [1] ELSE [] END | REMOVE s:Stock)
WITH s WHERE NOT s:ETF
DELETE s
