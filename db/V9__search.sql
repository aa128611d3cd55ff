-- Typeahead search (the API's `search`): what a name is made of, folded for case and accents, kept as a full-text
-- vector beside it, with the indexes the search's tiers use: symbols and keys by prefix (b-tree, text_pattern_ops),
-- name words by word and by prefix (GIN). See docs/benchmarks-notes.md for why these and not pg_trgm or Neo4j's
-- full-text index.

-- unaccent where the server has it and this role may create it (a trusted extension: the database's owner may; the
-- embedded PostgreSQL and the common managed ones ship it). Elsewhere the folding below falls back to a fixed table
-- of Latin letters.
do $$
begin
    if exists (select 1 from pg_available_extensions where name = 'unaccent')
       and not exists (select 1 from pg_extension where extname = 'unaccent') then
        begin
            create extension unaccent;
        exception when insufficient_privilege or feature_not_supported or undefined_file then
            raise notice 'unaccent is not available to this role (%); search folds accents of Latin letters only', sqlerrm;
        end;
    end if;
end $$;

-- Lower case without accents: `Nestlé` and `NESTLE` fold alike. Declared immutable so that it may index: unaccent's
-- rules file is fixed for the life of the server (changing it would call for a REINDEX, as PostgreSQL's docs say).
do $$
declare
    schema_name text := (select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace
                         where e.extname = 'unaccent');
begin
    if schema_name is not null then
        execute format($f$create function search_fold(value text) returns text language sql immutable strict parallel safe
                          return lower(%1$I.unaccent(%2$L::regdictionary, value))$f$, schema_name, schema_name || '.unaccent');
    else
        create function search_fold(value text) returns text language sql immutable strict parallel safe
            return lower(translate(value, 'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöøùúûüýÿ',
                                          'AAAAAACEEEEIIIINOOOOOOUUUUYaaaaaaceeeeiiiinoooooouuuuyy'));
    end if;
end $$;

-- The words of a name, folded, as the search matches them (the `simple` configuration: no stemming, no stop words,
-- so `Inc` and `The` are words like any other).
alter table securities add column search_name tsvector
    generated always as (to_tsvector('simple', search_fold(coalesce(name, '')))) stored;
alter table definition_groups add column search_name tsvector
    generated always as (to_tsvector('simple', search_fold(name))) stored;

-- How many groups list a security (ETFs, sectors, universes, …), kept by the catalog writer with every membership it
-- adds or removes: the search's "is a stock the graph holds" (more than none) and its tie-break between stocks of
-- equal (or no) market cap, read from the row instead of counted per candidate.
alter table securities add column group_count integer not null default 0;
update securities s set group_count = (select count(*) from group_memberships m where m.symbol = s.symbol);

create index securities_search_name on securities using gin (search_name);
create index definition_groups_search_name on definition_groups using gin (search_name);
-- prefixes of symbols and keys whatever the database's collation
create index securities_search_symbol on securities (symbol text_pattern_ops);
create index definition_groups_search_key on definition_groups (key text_pattern_ops);
