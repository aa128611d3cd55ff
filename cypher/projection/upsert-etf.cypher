// An ETF group: one node, also :Security so that a fund held by another fund is the same node. Returns whether the
// node already was this (then a rebuild leaves what readers cached of it alone).
MERGE (e:Security {symbol: $key})
WITH e, [e:ETF, coalesce(e.name, ''), coalesce(e.issuer, ''), coalesce(e.asOf, ''), coalesce(e.lastUpdated, ''),
         coalesce(e.holdingsCount, -1)]
        = [true, coalesce($name, ''), coalesce($issuer, ''), coalesce($asOf, ''), coalesce($lastUpdated, ''), coalesce($count, -1)] AS same
SET e:ETF,
    e.name = $name,
    e.issuer = $issuer,
    e.asOf = $asOf,
    e.lastUpdated = $lastUpdated,
    e.holdingsCount = $count
RETURN same
