// the last outbox entry the graph reflects, kept in the graph itself: a catalog restored from an older backup
// has a lower last entry than this, which is how the sync knows to rebuild instead of trusting its cursor
MATCH (m:__GraphMeta {id: 1})
SET m.syncedUpTo = $syncedUpTo
