-- The graph sync's passes, shared by every instance: any instance answers graphSyncRuns, graphSyncRun(id) and the
-- syncProgress subscription, whichever instance ran the pass. The timer's passes that found nothing to do are not kept.
create table graph_sync_runs (
    id               bigserial primary key,
    full_sync        boolean not null,
    requested_by     text,
    status           text not null,
    started_at       timestamptz,
    finished_at      timestamptz,
    groups_total     integer not null default 0,
    groups_done      integer not null default 0,
    events_processed bigint  not null default 0,
    error            text,
    created_at       timestamptz not null default now(),
    constraint graph_sync_runs_status check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED'))
);
