// Every stock, for warming the cache.
MATCH (s:Stock) RETURN s.symbol AS symbol ORDER BY symbol
