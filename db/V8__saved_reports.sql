-- Saved reports, shared by every instance: saved through one, downloaded through any other. Removed after
-- relationships.quality.report-retention.
create table saved_reports (
    name       text primary key,
    content    bytea       not null,
    created_at timestamptz not null default now()
);
