package io.relationships.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.exceptions.SecurityException;
import org.neo4j.io.ByteUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded engines on a machine shared with other users: nobody gets in without the passwords in the data
 * directory, which only its owner can read; the service's role can do nothing outside its database; and data
 * directories from before this (everything trusted, the superuser owning everything), or whose credentials file was
 * lost, are brought to the same state at their next start, their data kept.
 */
class EmbeddedSecurityTest {

    @TempDir
    Path directory;

    EmbeddedEngines start() {
        return EmbeddedEngines.start(new EmbeddedProperties(true, directory, false, "relationships", 0, 0, "32m",
                Map.of("fsync", "off"), false));
    }

    static Connection connect(EmbeddedPostgresServer postgres, String database, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + database, user, password);
    }

    static JdbcClient jdbc(Connection connection) {
        return JdbcClient.create(new SingleConnectionDataSource(connection, true));
    }

    static void assertRefused(EmbeddedPostgresServer postgres, String user, String password) {
        assertThatThrownBy(() -> connect(postgres, "postgres", user, password).close())
                .as("%s with password %s", user, password)
                .isInstanceOf(SQLException.class)
                .satisfiesAnyOf(
                        e -> assertThat(e).hasMessageContaining("SCRAM-based authentication, but no password was provided"),
                        e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01")); // invalid_password
    }

    static void assertNeo4jRefuses(EmbeddedNeo4jServer neo4j, AuthToken token) {
        try (Driver driver = GraphDatabase.driver(neo4j.boltUri(), token)) {
            assertThatThrownBy(driver::verifyConnectivity).isInstanceOf(SecurityException.class);
        }
    }

    static Object neo4jQuery(EmbeddedNeo4jServer neo4j, String password, String cypher) {
        try (Driver driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.basic(neo4j.username(), password));
             var session = driver.session()) {
            return session.run(cypher).single().get(0).asObject();
        }
    }

    void assertNoTrustLeft() throws Exception {
        List<String> rules = Files.readAllLines(directory.resolve("postgres/pg_hba.conf")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertThat(rules).isNotEmpty().allSatisfy(rule -> assertThat(rule).endsWith("scram-sha-256").doesNotContain("trust"));
    }

    @Test
    void everyConnectionNeedsThePasswordKeptOwnerOnlyAndTheServiceRoleIsNoSuperuser() throws Exception {
        try (EmbeddedEngines engines = start()) {
            EmbeddedPostgresServer postgres = engines.postgres();
            assertRefused(postgres, postgres.superuser(), null);
            assertRefused(postgres, postgres.username(), null);
            assertRefused(postgres, postgres.superuser(), "postgres");
            assertRefused(postgres, postgres.username(), postgres.superuserPassword());
            assertNoTrustLeft();

            try (Connection superuser = connect(postgres, "postgres", postgres.superuser(), postgres.superuserPassword())) {
                JdbcClient sql = jdbc(superuser);
                assertThat(sql.sql("show password_encryption").query(String.class).single()).isEqualTo("scram-sha-256");
                assertThat(sql.sql("show listen_addresses").query(String.class).single()).isEqualTo("localhost");
                assertThat(sql.sql("select rolsuper or rolcreaterole or rolcreatedb or rolreplication or rolbypassrls from pg_roles where rolname = ?")
                        .param(postgres.username()).query(Boolean.class).single()).as("the service role's privileges").isFalse();
            }
            try (Connection service = connect(postgres, "relationships", postgres.username(), postgres.password())) {
                JdbcClient sql = jdbc(service);
                assertThat(sql.sql("select pg_get_userbyid(datdba) from pg_database where datname = current_database()").query(String.class).single())
                        .isEqualTo("relationships");
                assertThat(sql.sql("select pg_get_userbyid(nspowner) from pg_namespace where nspname = 'public'").query(String.class).single())
                        .isEqualTo("relationships");
                sql.sql("create table mine (n int)").update(); // what Flyway does
                assertThatThrownBy(() -> sql.sql("create role intruder superuser login password 'x'").update()).rootCause().hasMessageContaining("permission denied");
                assertThatThrownBy(() -> sql.sql("select rolpassword from pg_authid").query().listOfRows()).rootCause().hasMessageContaining("permission denied");
                assertThatThrownBy(() -> sql.sql("create database other").update()).rootCause().hasMessageContaining("permission denied");
            }

            Path credentials = directory.resolve(EmbeddedCredentials.FILE_NAME);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
            assertThat(Files.readString(credentials)).contains(postgres.superuserPassword(), postgres.password(), engines.neo4j().password());

            // the binaries the service runs come from a folder of its user's, not from the world-writable /tmp
            Path binaries = PostgresAuthentication.privateBinaries();
            assertThat(binaries.toString()).doesNotStartWith(System.getProperty("java.io.tmpdir"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(binaries))).isEqualTo("rwx------");
            try (var unpacked = Files.list(binaries)) {
                assertThat(unpacked.map(p -> p.getFileName().toString())).anyMatch(name -> name.startsWith("PG-"));
            }

            EmbeddedNeo4jServer neo4j = engines.neo4j();
            assertNeo4jRefuses(neo4j, AuthTokens.none());
            assertNeo4jRefuses(neo4j, AuthTokens.basic(neo4j.username(), "neo4j"));
            assertThat(neo4jQuery(neo4j, neo4j.password(), "RETURN 42")).isEqualTo(42L);
            // the new store was born with the password (one start, not two) and the initial-user file is gone
            assertThat(InitialUser.file(directory.resolve("neo4j"))).doesNotExist();
            assertThat(Files.readString(directory.resolve("neo4j/logs/debug.log")))
                    .as("the system database was created once").containsOnlyOnce("Creating 'DatabaseId{00000000[system]}'");
        }
    }

    @Test
    void laterStartsUseTheKeptPasswordsAndLostOnesAreReplacedWithTheDataKept() throws Exception {
        String superuserPassword;
        String password;
        String neo4jPassword;
        try (EmbeddedEngines engines = start()) {
            superuserPassword = engines.postgres().superuserPassword();
            password = engines.postgres().password();
            neo4jPassword = engines.neo4j().password();
            try (Connection service = connect(engines.postgres(), "relationships", engines.postgres().username(), password)) {
                jdbc(service).sql("create table kept (note text); insert into kept values ('written at the first start')").update();
            }
            neo4jQuery(engines.neo4j(), neo4jPassword, "CREATE (n:Kept {note: 'written at the first start'}) RETURN count(n)");
        }

        try (EmbeddedEngines engines = start()) {
            assertThat(List.of(engines.postgres().superuserPassword(), engines.postgres().password(), engines.neo4j().password()))
                    .as("read from the file").containsExactly(superuserPassword, password, neo4jPassword);
            try (Connection service = connect(engines.postgres(), "relationships", engines.postgres().username(), password)) {
                assertThat(jdbc(service).sql("select note from kept").query(String.class).single()).isEqualTo("written at the first start");
            }
            assertThat(neo4jQuery(engines.neo4j(), neo4jPassword, "MATCH (n:Kept) RETURN n.note")).isEqualTo("written at the first start");
        }

        Files.delete(directory.resolve(EmbeddedCredentials.FILE_NAME));
        try (EmbeddedEngines engines = start()) {
            EmbeddedPostgresServer postgres = engines.postgres();
            assertThat(List.of(postgres.superuserPassword(), postgres.password(), engines.neo4j().password()))
                    .as("new passwords").doesNotContainAnyElementsOf(List.of(superuserPassword, password, neo4jPassword));
            assertRefused(postgres, postgres.superuser(), superuserPassword);
            assertRefused(postgres, postgres.username(), password);
            assertNeo4jRefuses(engines.neo4j(), AuthTokens.basic(engines.neo4j().username(), neo4jPassword));
            assertNoTrustLeft();
            try (Connection service = connect(postgres, "relationships", postgres.username(), postgres.password())) {
                assertThat(jdbc(service).sql("select note from kept").query(String.class).single()).isEqualTo("written at the first start");
            }
            assertThat(neo4jQuery(engines.neo4j(), engines.neo4j().password(), "MATCH (n:Kept) RETURN n.note")).isEqualTo("written at the first start");
            assertThat(Files.readString(directory.resolve(EmbeddedCredentials.FILE_NAME)))
                    .contains(postgres.superuserPassword(), postgres.password(), engines.neo4j().password());
        }
    }

    @Test
    void aDataDirectoryFromBeforeIsUpgradedInPlaceWithItsData() throws Exception {
        // PostgreSQL as the earlier version left it: zonky's initdb (trust), the superuser owning the database and its tables
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(directory.resolve("postgres"))
                .setCleanDataDirectory(false).setRegisterShutdownHook(false).start()) {
            try (Connection connection = old.getPostgresDatabase().getConnection()) {
                connection.createStatement().execute("create database relationships");
            }
            try (Connection connection = old.getDatabase("postgres", "relationships").getConnection()) {
                connection.createStatement().execute("""
                        create table legacy (id bigserial primary key, note text);
                        insert into legacy (note) values ('written by the earlier version');
                        create sequence loose_sequence;
                        create view legacy_notes as select note from legacy;
                        create type mood as enum ('calm', 'busy');
                        create function legacy_count() returns bigint language sql as 'select count(*) from legacy';
                        """);
            }
        }
        // Neo4j as it was: authentication off
        DatabaseManagementService old = new DatabaseManagementServiceBuilder(directory.resolve("neo4j"))
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(BoltConnector.enabled, false)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(BoltConnectorInternalSettings.enable_local_connector, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse("32m"))
                .build();
        old.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("CREATE (:Legacy {note: 'projected by the earlier version'})");
        old.shutdown();

        try (EmbeddedEngines engines = start()) {
            EmbeddedPostgresServer postgres = engines.postgres();
            assertNoTrustLeft();
            assertRefused(postgres, postgres.superuser(), null);
            try (Connection service = connect(postgres, "relationships", postgres.username(), postgres.password())) {
                JdbcClient sql = jdbc(service);
                assertThat(sql.sql("select note from legacy_notes").query(String.class).single()).isEqualTo("written by the earlier version");
                assertThat(sql.sql("select legacy_count()").query(Long.class).single()).isEqualTo(1L);
                sql.sql("insert into legacy (note) values ('written after the upgrade')").update();
                sql.sql("alter table legacy add column mood mood").update(); // a Flyway migration on a table the superuser created
                sql.sql("select nextval('loose_sequence')").query().singleValue();
                assertThat(sql.sql("""
                        select n.nspname from pg_namespace n where n.nspname = 'public' and n.nspowner <> to_regrole(current_user)
                        union all select relname from pg_class where relnamespace = 'public'::regnamespace and relowner <> to_regrole(current_user)
                        union all select proname from pg_proc where pronamespace = 'public'::regnamespace and proowner <> to_regrole(current_user)
                        union all select typname from pg_type where typnamespace = 'public'::regnamespace and typowner <> to_regrole(current_user)
                        union all select datname from pg_database where datname = current_database() and datdba <> to_regrole(current_user)
                        """).query(String.class).list()).as("owned by another role").isEmpty();
            }
            // the binaries the service runs come from a folder of its user's, not from the world-writable /tmp
            Path binaries = PostgresAuthentication.privateBinaries();
            assertThat(binaries.toString()).doesNotStartWith(System.getProperty("java.io.tmpdir"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(binaries))).isEqualTo("rwx------");
            try (var unpacked = Files.list(binaries)) {
                assertThat(unpacked.map(p -> p.getFileName().toString())).anyMatch(name -> name.startsWith("PG-"));
            }

            EmbeddedNeo4jServer neo4j = engines.neo4j();
            assertNeo4jRefuses(neo4j, AuthTokens.none());
            assertThat(neo4jQuery(neo4j, neo4j.password(), "MATCH (n:Legacy) RETURN n.note")).isEqualTo("projected by the earlier version");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(EmbeddedCredentials.FILE_NAME))))
                    .isEqualTo("rw-------");
        }
    }
}
