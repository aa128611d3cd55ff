-- Quality snapshots (the history behind trend charts) and the alerts they raised.

create table quality_snapshots (
    id        bigserial primary key,
    taken_at  timestamptz not null default now(),
    trigger   text        not null,
    status    text        not null,
    metrics   jsonb       not null,
    constraint quality_snapshots_status check (status in ('PASS', 'WARN', 'FAIL'))
);
create index quality_snapshots_taken on quality_snapshots (taken_at desc);

-- One row per standing problem: it alerts when it starts, not again while it stands, and is closed when it ends.
create table quality_alerts (
    id          bigserial primary key,
    key         text        not null,
    message     text        not null,
    first_seen  timestamptz not null default now(),
    last_seen   timestamptz not null default now(),
    resolved_at timestamptz,
    delivered   boolean     not null default false
);
create unique index quality_alerts_open on quality_alerts (key) where resolved_at is null;
