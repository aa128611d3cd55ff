// Members the graph holds under an older name (the securities table renamed them); new members get theirs as
// their relationships are created. Returns the funds among them (a fund's own row reads the name).
UNWIND $nodes AS n
MATCH (s:Security {symbol: n.symbol})
WITH n, s, s:ETF AND s.name <> n.name AS renamedFund
SET s.name = n.name
WITH s, renamedFund
WHERE renamedFund
RETURN s.symbol AS fund
