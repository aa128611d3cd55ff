// A sector, industry, theme or universe (the label is filled in from a fixed list, never from input). Returns
// whether the node already was this (then a rebuild leaves what readers cached of it alone).
MERGE (g:__LABEL__ {key: $key})
WITH g, [coalesce(g.name, ''), coalesce(g.description, ''), coalesce(g.memberCount, -1), coalesce(g.lastUpdated, '')]
        = [coalesce($name, ''), coalesce($description, ''), coalesce($count, -1), coalesce($lastUpdated, '')] AS same
SET g.name = $name,
    g.description = $description,
    g.memberCount = $count,
    g.lastUpdated = $lastUpdated
RETURN same
