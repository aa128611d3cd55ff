MERGE (m:__GraphMeta {id: 1})
SET m.projectionVersion = $projectionVersion, m.lastFullSyncAt = datetime(), m.syncedUpTo = $syncedUpTo
