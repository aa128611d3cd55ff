// A sector, industry, theme or universe (the label is filled in from a fixed list, never from input). Returns
// whether the node already was this (then a rebuild leaves what readers cached of it alone).
// (\u0001 stands for a missing value below: no data holds it, and an empty string is a value of its own.)
MERGE (g:__LABEL__ {key: $key})
WITH g, [coalesce(g.name, '\u0001'), coalesce(g.description, '\u0001'), coalesce(g.memberCount, -1), coalesce(g.lastUpdated, '\u0001')]
        = [coalesce($name, '\u0001'), coalesce($description, '\u0001'), coalesce($count, -1), coalesce($lastUpdated, '\u0001')] AS same
SET g.name = $name,
    g.description = $description,
    g.memberCount = $count,
    g.lastUpdated = $lastUpdated
RETURN same
