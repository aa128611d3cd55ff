// An ETF group: one node, also :Security so that a fund held by another fund is the same node. Returns whether the
// node already was this (then a rebuild leaves what readers cached of it alone).
// (\u0001 stands for a missing value below: no data holds it, and an empty string is a value of its own.)
MERGE (e:Security {symbol: $key})
WITH e, [e:ETF, coalesce(e.name, '\u0001'), coalesce(e.issuer, '\u0001'), coalesce(e.asOf, '\u0001'), coalesce(e.lastUpdated, '\u0001'),
         coalesce(e.holdingsCount, -1)]
        = [true, coalesce($name, '\u0001'), coalesce($issuer, '\u0001'), coalesce($asOf, '\u0001'), coalesce($lastUpdated, '\u0001'), coalesce($count, -1)] AS same
SET e:ETF,
    e.name = $name,
    e.issuer = $issuer,
    e.asOf = $asOf,
    e.lastUpdated = $lastUpdated,
    e.holdingsCount = $count
RETURN same
