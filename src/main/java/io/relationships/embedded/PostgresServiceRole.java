package io.relationships.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.relationships.embedded.PostgresAuthentication.quoteIdentifier;
import static io.relationships.embedded.PostgresAuthentication.scramVerifier;

/**
 * The role the service connects as: no superuser, no CREATEDB or CREATEROLE, owner of the service's database and of
 * everything in its schema {@code public}, so that Flyway and the service can do all they need there and nothing
 * elsewhere. Checked at every start (as the superuser), which also upgrades a data directory from before this role
 * existed, where the superuser owned everything.
 */
final class PostgresServiceRole {

    static final String NAME = "relationships";
    private static final Logger log = LoggerFactory.getLogger(PostgresServiceRole.class);

    /** ALTER ... OWNER TO statements for whatever in {@code public} another role owns (PostgreSQL formats the names). */
    private static final String FOREIGN_OWNED = """
            with role as (select cast(? as text) as name, cast(? as text)::regrole as oid)
            select format('ALTER SCHEMA public OWNER TO %I', role.name)
              from role, pg_namespace n where n.nspname = 'public' and n.nspowner <> role.oid
            union all
            select format('ALTER %s %s OWNER TO %I',
                          case c.relkind when 'S' then 'SEQUENCE' when 'v' then 'VIEW' when 'm' then 'MATERIALIZED VIEW'
                                         when 'f' then 'FOREIGN TABLE' else 'TABLE' end, c.oid::regclass, role.name)
              from role, pg_class c
             where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
               and c.relowner <> role.oid
               -- a sequence behind a serial or identity column changes owner with its table
               and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
                               and (d.deptype = 'e' or (c.relkind = 'S' and d.deptype in ('a', 'i'))))
            union all
            select format('ALTER %s %s OWNER TO %I', case p.prokind when 'a' then 'AGGREGATE' else 'ROUTINE' end,
                          p.oid::regprocedure, role.name)
              from role, pg_proc p
             where p.pronamespace = 'public'::regnamespace and p.proowner <> role.oid
               and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
            union all
            select format('ALTER TYPE %s OWNER TO %I', t.oid::regtype, role.name)
              from role, pg_type t
             where t.typnamespace = 'public'::regnamespace and t.typowner <> role.oid and t.typtype <> 'm'
               -- a table's row type follows the table, an array type its element type
               and (t.typrelid = 0 or (select c.relkind from pg_class c where c.oid = t.typrelid) = 'c')
               and not exists (select 1 from pg_type a where a.typarray = t.oid)
               and not exists (select 1 from pg_depend d where d.classid = 'pg_type'::regclass and d.objid = t.oid and d.deptype = 'e')
            """;

    private PostgresServiceRole() {
    }

    /** Creates or corrects the role (with this password), the database, and the ownership of what is in it. */
    static void ensure(EmbeddedPostgres postgres, String database, String password) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            boolean exists = exists(connection, "select 1 from pg_roles where rolname = ?", NAME);
            statement.execute((exists ? "ALTER" : "CREATE") + " ROLE " + quoteIdentifier(NAME)
                    + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '" + scramVerifier(password) + "'");
            if (!exists) {
                log.info("Created the role {} the service connects to embedded PostgreSQL as", NAME);
            }
            String owner = databaseOwner(connection, database);
            if (owner == null) {
                statement.execute("CREATE DATABASE " + quoteIdentifier(database) + " OWNER " + quoteIdentifier(NAME));
                log.info("Created database {}", database);
            } else if (!owner.equals(NAME)) {
                statement.execute("ALTER DATABASE " + quoteIdentifier(database) + " OWNER TO " + quoteIdentifier(NAME));
                log.info("Database {} now belongs to {} (was {})", database, NAME, owner);
            }
        }
        try (Connection connection = postgres.getDatabase(EmbeddedPostgresServer.SUPERUSER, database).getConnection();
             Statement statement = connection.createStatement()) {
            List<String> changes = foreignOwned(connection);
            for (String change : changes) {
                statement.execute(change);
            }
            if (!changes.isEmpty()) {
                log.info("Database {}: schema public and everything in it now belong to {} ({} change(s) of owner)", database, NAME,
                        changes.size());
            }
        }
    }

    private static List<String> foreignOwned(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(FOREIGN_OWNED)) {
            query.setString(1, NAME);
            query.setString(2, NAME);
            List<String> statements = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    statements.add(rows.getString(1));
                }
            }
            return statements;
        }
    }

    private static String databaseOwner(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select pg_get_userbyid(datdba) from pg_database where datname = ?")) {
            query.setString(1, database);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static boolean exists(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }
}
