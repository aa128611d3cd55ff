// An ETF group: one node, also :Security so that a fund held by another fund is the same node.
MERGE (e:Security {symbol: $key})
SET e:ETF,
    e.name = $name,
    e.issuer = $issuer,
    e.asOf = $asOf,
    e.lastUpdated = $lastUpdated,
    e.holdingsCount = $count
