-- Files operators upload (admin page, CLI) wait here for the load that reads them, so that any instance can load an
-- upload made through another. Bounded by relationships.load.max-file-size; removed after relationships.load.upload-retention.
create table uploads (
    id         text primary key,
    file_name  text        not null,
    content    bytea       not null,
    bytes      integer     not null,
    created_at timestamptz not null default now(),
    created_by text
);
