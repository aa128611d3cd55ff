-- API keys for scripts and the CLI. Only a SHA-256 of each key is kept; the key itself is shown once, when made.
create table api_keys (
    id           bigserial primary key,
    name         text        not null,
    role         text        not null,
    key_hash     text        not null unique,
    key_prefix   text        not null,
    created_at   timestamptz not null default now(),
    created_by   text,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    constraint api_keys_role check (role in ('VIEWER', 'OPERATOR', 'ADMIN'))
);
