// Removes a group's memberships; returns who they were, for the orphan clean-up.
MATCH (g:__LABEL__ {key: $key})<-[r:__REL__]-(s)
DELETE r
RETURN collect(s.symbol) AS previous
