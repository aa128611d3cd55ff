// A sector, industry, theme or universe (the label is filled in from a fixed list, never from input).
MERGE (g:__LABEL__ {key: $key})
SET g.name = $name,
    g.description = $description,
    g.memberCount = $count,
    g.lastUpdated = $lastUpdated
