// Memberships the catalog no longer has, by the relationships' internal ids.
UNWIND $ids AS id
MATCH ()-[r]->() WHERE elementId(r) = id
DELETE r
