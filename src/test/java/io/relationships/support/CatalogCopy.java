package io.relationships.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/**
 * What a {@code pg_dump} of the catalog and a later {@code pg_restore} do to the service's tables, done inside the
 * database: every table of the schema copied aside with its sequences, and later put back in place of what is there
 * (with triggers off, as {@code pg_restore --disable-triggers} does, and like it on a superuser's connection). The
 * embedded engine ships no pg_dump, and Debian's client is older than the server, so the tests stand in for the real
 * tools this way.
 */
public final class CatalogCopy {

    private static final String COPY_SCHEMA = "catalog_copy";

    private final DataSource dataSource;
    private final List<String> tables;
    private final Map<String, Long> sequences;

    private CatalogCopy(DataSource dataSource, List<String> tables, Map<String, Long> sequences) {
        this.dataSource = dataSource;
        this.tables = tables;
        this.sequences = sequences;
    }

    public static CatalogCopy take(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            sql.execute("set transaction isolation level repeatable read");
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = sql.executeQuery("select tablename from pg_tables where schemaname = 'public' and tablename <> 'flyway_schema_history' order by 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            Map<String, Long> sequences = new LinkedHashMap<>();
            try (ResultSet rs = sql.executeQuery("select sequencename, last_value from pg_sequences where schemaname = 'public'")) {
                while (rs.next()) {
                    String sequence = rs.getString(1);
                    long value = rs.getLong(2);
                    sequences.put(sequence, rs.wasNull() ? null : value);
                }
            }
            sql.execute("drop schema if exists " + COPY_SCHEMA + " cascade");
            sql.execute("create schema " + COPY_SCHEMA);
            for (String table : tables) {
                sql.execute("create table " + COPY_SCHEMA + "." + table + " as table public." + table);
            }
            connection.commit();
            return new CatalogCopy(dataSource, tables, sequences);
        } catch (SQLException e) {
            throw new IllegalStateException("could not copy the catalog", e);
        }
    }

    /** Puts the copy back: the tables hold exactly what they held when it was taken, sequences included. */
    public void restore() {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            sql.execute("set local session_replication_role = replica");
            sql.execute("truncate " + String.join(", ", tables.stream().map(t -> "public." + t).toList()));
            for (String table : tables) {
                // generated columns (a name's search vector) are computed again, as pg_restore has them
                String columns = String.join(", ", storedColumns(connection, table));
                sql.execute("insert into public." + table + " (" + columns + ") overriding system value select " + columns
                        + " from " + COPY_SCHEMA + "." + table);
            }
            for (Map.Entry<String, Long> sequence : sequences.entrySet()) {
                if (sequence.getValue() == null) {
                    sql.execute("select setval('public." + sequence.getKey() + "', 1, false)");
                } else {
                    sql.execute("select setval('public." + sequence.getKey() + "', " + sequence.getValue() + ")");
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("could not restore the catalog copy", e);
        }
    }

    /** The columns of a table that hold values of their own (not generated from others), in order, quoted. */
    private static List<String> storedColumns(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                select quote_ident(attname) from pg_attribute
                where attrelid = cast(? as regclass) and attnum > 0 and not attisdropped and attgenerated = ''
                order by attnum""")) {
            query.setString(1, "public." + table);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    public void drop() {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("drop schema if exists " + COPY_SCHEMA + " cascade");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the catalog copy", e);
        }
    }
}
