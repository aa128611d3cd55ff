// Members the graph holds under an older name (the securities table renamed them); new members get theirs as
// their relationships are created.
UNWIND $nodes AS n
MATCH (s:Security {symbol: n.symbol})
SET s.name = n.name
