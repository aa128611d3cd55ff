// The ETFs with the most holdings, by the count the projection keeps on each (the start-up warm-up's choice).
MATCH (e:ETF)
RETURN e.symbol AS key
ORDER BY e.holdingsCount DESC, key
LIMIT $limit
