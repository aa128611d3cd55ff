-- A step of loadAll that had nothing to read is recorded as SKIPPED.
alter table load_runs drop constraint load_runs_status;
alter table load_runs add constraint load_runs_status
    check (status in ('RUNNING', 'SUCCEEDED', 'FAILED', 'ROLLED_BACK', 'SKIPPED'));

-- Memberships a run changed as a consequence of its own changes (the sectors of the securities it introduced or left
-- unlisted) are in its change log like the rest, but not in its counts, which say what its files changed.
alter table membership_changes add column derived boolean not null default false;

-- Read-your-writes. Every instance of the service says how far (which catalog_events entry) its caches reflect
-- the catalog, and keeps saying it is alive. The smallest position among live instances is visible everywhere:
-- each time it moves, a mark records when. A run is visible at the first mark at or after its last outbox entry.
create table cache_instances (
    id            text primary key,
    host          text,
    started_at    timestamptz not null default now(),
    seen_at       timestamptz not null default now(),
    visible_up_to bigint      not null default 0
);

create table cache_visibility (
    event_id   bigint primary key,
    visible_at timestamptz not null default now()
);

-- The last outbox entry a run (with its steps, for loadAll) left; null when it changed nothing.
create index catalog_events_run on catalog_events (load_run_id);
create index load_runs_parent on load_runs (parent_run_id) where parent_run_id is not null;

create function run_last_event(run bigint) returns bigint
    language sql stable
as $$
    select max(e.id) from catalog_events e
    where e.load_run_id = run or e.load_run_id in (select c.id from load_runs c where c.parent_run_id = run)
$$;
