MATCH (e:ETF) RETURN e.symbol AS key ORDER BY key
