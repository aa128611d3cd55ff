// Sectors, industries, themes or universes by key with their members (the label is filled in from a fixed list).
UNWIND $keys AS key
MATCH (g:__LABEL__ {key: key})
CALL (g) {
    OPTIONAL MATCH (s)-[m:__REL__]->(g)
    RETURN collect({symbol: s.symbol, weight: m.weight}) AS members
}
RETURN g.key AS key, g.name AS name, g.description AS description, members
