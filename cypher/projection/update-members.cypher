// Memberships whose weight or classification changed: their properties replaced, by internal id.
UNWIND $rows AS row
MATCH ()-[r]->() WHERE elementId(r) = row.id
SET r = row.props
