MATCH (m:__GraphMeta {id: 1})
RETURN m.projectionVersion AS projectionVersion, m.lastFullSyncAt AS lastFullSyncAt, coalesce(m.syncedUpTo, 0) AS syncedUpTo
