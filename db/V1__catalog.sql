-- The relationship catalog: PostgreSQL is the system of record; Neo4j is a projection of these tables.
-- Names of definition_groups and group_memberships come from the existing platform.

create table securities (
    symbol      text primary key,
    name        text,
    asset_type  text not null default 'STOCK',
    exchange    text,
    market_cap  numeric(20, 2),
    cusip       text,
    isin        text,
    metadata    jsonb not null default '{}',
    -- the load run that first recorded the symbol: its rollback removes the security again if nothing else uses it
    created_by_run bigint,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    constraint securities_symbol_canonical check (symbol = upper(symbol) and symbol ~ '^[A-Z0-9][A-Z0-9.^-]{0,19}$'),
    constraint securities_asset_type check (asset_type in ('STOCK', 'ETF', 'FUND', 'ADR', 'REIT', 'PREFERRED', 'OTHER')),
    constraint securities_market_cap check (market_cap is null or (market_cap >= 0 and market_cap <> 'NaN'))
);

create table definition_groups (
    id           bigserial primary key,
    type         text not null,
    key          text not null,
    name         text not null,
    description  text,
    source       text,
    -- issuer, as-of date, source file, checksum, row count
    metadata     jsonb not null default '{}',
    last_updated timestamptz not null default now(),
    constraint definition_groups_type check (type in ('ETF', 'SECTOR', 'INDUSTRY', 'THEME', 'UNIVERSE')),
    constraint definition_groups_key_not_blank check (length(trim(key)) > 0),
    constraint definition_groups_type_key unique (type, key)
);
create index definition_groups_checksum on definition_groups (type, (metadata ->> 'checksum'));

-- symbol is deliberately not a foreign key to securities: the one writer (CatalogWriter) stages securities before
-- memberships in the same transaction, and the per-row check of a foreign key halves bulk-load throughput at
-- millions of rows. "Memberships pointing at unknown securities" is measured by the post-load validation and the
-- quality report instead.
create table group_memberships (
    group_id bigint not null references definition_groups (id) on delete cascade,
    symbol   text   not null,
    -- percent of the group (0..100); null where a group has no weights (sectors, themes)
    weight   numeric(14, 8),
    -- shares, market value, original spelling of the symbol, issuer sector, source and confidence of a classification
    metadata jsonb  not null default '{}',
    primary key (group_id, symbol),
    constraint group_memberships_weight check (weight is null or (weight >= 0 and weight <= 100 and weight <> 'NaN'))
);
-- stock -> its groups (which ETFs hold AAPL, which sector is AAPL in)
create index group_memberships_symbol on group_memberships (symbol, group_id);

create table load_runs (
    id            bigserial primary key,
    kind          text not null,
    mode          text not null,
    trigger       text not null,
    triggered_by  text,
    status        text not null default 'RUNNING',
    phase         text,
    started_at    timestamptz not null default now(),
    finished_at   timestamptz,
    added         integer not null default 0,
    removed       integer not null default 0,
    changed       integer not null default 0,
    unchanged     integer not null default 0,
    error         text,
    -- what was asked: directory, files, options
    request       jsonb not null default '{}',
    -- the relationship validation that runs after every load
    validation    jsonb,
    -- what a run has to say beyond counts (the sector enrichment's coverage before and after, per source)
    report        jsonb,
    parent_run_id bigint references load_runs (id),
    rollback_of   bigint references load_runs (id),
    rolled_back_by bigint references load_runs (id),
    constraint load_runs_kind check (kind in ('ETF_HOLDINGS', 'UNIVERSES', 'THEMES', 'SECTORS', 'ALL', 'ROLLBACK')),
    constraint load_runs_mode check (mode in ('FULL', 'INCREMENTAL', 'DRY_RUN')),
    constraint load_runs_trigger check (trigger in ('CLI', 'GRAPHQL', 'ADMIN', 'SCHEDULE', 'STARTUP', 'REST')),
    constraint load_runs_status check (status in ('RUNNING', 'SUCCEEDED', 'FAILED', 'ROLLED_BACK')),
    constraint load_runs_counts check (added >= 0 and removed >= 0 and changed >= 0 and unchanged >= 0)
);
create index load_runs_started on load_runs (started_at desc);
create index load_runs_status on load_runs (status) where status = 'RUNNING';

create table load_run_files (
    id          bigserial primary key,
    load_run_id bigint not null references load_runs (id) on delete cascade,
    path        text   not null,
    format      text,
    status      text   not null,
    checksum    text,
    bytes       bigint,
    group_type  text,
    group_key   text,
    rows_read   integer not null default 0,
    message     text,
    constraint load_run_files_status check (status in ('LOADED', 'UNCHANGED', 'REJECTED', 'SKIPPED'))
);
create index load_run_files_run on load_run_files (load_run_id);

create table load_findings (
    id          bigserial primary key,
    load_run_id bigint not null references load_runs (id) on delete cascade,
    file        text,
    line        integer,
    col         integer,
    col_name    text,
    severity    text   not null,
    code        text   not null,
    message     text   not null,
    constraint load_findings_severity check (severity in ('ERROR', 'WARNING', 'INFO'))
);
create index load_findings_run on load_findings (load_run_id, id);

-- The membership change log: one row per added, removed or changed membership per load run. It serves history
-- (what did SPY hold on date X), rollback (apply the inverse) and the graph sync (which groups changed).
-- Dry runs record their diff here too, with applied = false: nothing of it reached the catalog.
create table membership_changes (
    id           bigserial primary key,
    load_run_id  bigint  not null references load_runs (id) on delete cascade,
    group_type   text    not null,
    group_key    text    not null,
    symbol       text    not null,
    change       text    not null,
    old_weight   numeric(14, 8),
    new_weight   numeric(14, 8),
    old_metadata jsonb,
    new_metadata jsonb,
    applied      boolean not null,
    changed_at   timestamptz not null default now(),
    constraint membership_changes_change check (change in ('ADDED', 'REMOVED', 'CHANGED'))
);
-- ids and load_run_id grow together, so a BRIN index finds a run's rows at a fraction of a b-tree's upkeep.
-- There is deliberately no index by group: maintaining one costs a quarter of a 5M-membership load; history
-- questions about a group find the runs that touched it in group_changes, then those runs' rows here.
create index membership_changes_run on membership_changes using brin (load_run_id);

-- Group rows as they were before and after a run (created, updated, deleted), for exact rollback.
create table group_changes (
    id          bigserial primary key,
    load_run_id bigint  not null references load_runs (id) on delete cascade,
    group_type  text    not null,
    group_key   text    not null,
    change      text    not null,
    old_row     jsonb,
    new_row     jsonb,
    applied     boolean not null,
    changed_at  timestamptz not null default now(),
    constraint group_changes_change check (change in ('CREATED', 'UPDATED', 'DELETED'))
);
create index group_changes_run on group_changes (load_run_id);
create index group_changes_group on group_changes (group_type, group_key, id) where applied;

-- Security rows as they were before a run created or changed them, for exact rollback.
create table security_changes (
    id          bigserial primary key,
    load_run_id bigint  not null references load_runs (id) on delete cascade,
    symbol      text    not null,
    change      text    not null,
    old_row     jsonb,
    applied     boolean not null,
    constraint security_changes_change check (change in ('CREATED', 'UPDATED'))
);
create index security_changes_run on security_changes (load_run_id);

-- The outbox of the graph sync: one row per group changed by a committed run, written in the same transaction
-- as the change itself, so a crash between commit and sync loses nothing.
create table catalog_events (
    id          bigserial primary key,
    load_run_id bigint not null references load_runs (id) on delete cascade,
    group_type  text   not null,
    group_key   text   not null,
    created_at  timestamptz not null default now()
);

create table graph_sync_state (
    id                 integer primary key default 1,
    last_event_id      bigint  not null default 0,
    last_synced_at     timestamptz,
    last_full_sync_at  timestamptz,
    last_error         text,
    last_error_at      timestamptz,
    constraint graph_sync_state_single_row check (id = 1)
);
insert into graph_sync_state (id) values (1);
