package io.relationships.embedded;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import inet.ipaddr.IPAddressString;
import io.relationships.embedded.EmbeddedCredentials.Secret;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Neo4j 5 community, in-process, with Bolt on a loopback port: the service talks to it through the Java driver
 * exactly as it would to a server elsewhere, and logs in as a server elsewhere would ask it to: as {@value #USER},
 * with the password in the {@link EmbeddedCredentials}.
 * <p>
 * A new store gets that password before its first start, as {@code neo4j-admin dbms set-initial-password} gives it
 * ({@link InitialUser}): the store is created with it, so it never answers to Neo4j's well-known initial password,
 * and starts once. On a store from before authentication was on, or when the credentials file lost the password,
 * it is set through the embedded API (which needs none) with Bolt off, because until then the store answers to the
 * well-known password and whoever connected first could take it.
 */
public final class EmbeddedNeo4jServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedNeo4jServer.class);

    static final String USER = "neo4j";

    private final DatabaseManagementService dbms;
    private final int boltPort;
    private final String password;

    private EmbeddedNeo4jServer(DatabaseManagementService dbms, int boltPort, String password) {
        this.dbms = dbms;
        this.boltPort = boltPort;
        this.password = password;
    }

    public static EmbeddedNeo4jServer start(Path home, int boltPort, String pageCache, EmbeddedCredentials credentials) {
        String password = credentials.password(Secret.NEO4J);
        boolean newStore = !Files.isDirectory(home.resolve("data/databases").resolve(GraphDatabaseSettings.SYSTEM_DATABASE_NAME));
        if (newStore) {
            InitialUser.write(home, USER, password);
            log.info("Embedded Neo4j asks for a password (user {}, password in {})", USER, credentials.file().toAbsolutePath());
        } else if (credentials.isNew(Secret.NEO4J)) {
            DatabaseManagementService offline = configured(home, pageCache).setConfig(BoltConnector.enabled, false).build();
            try {
                setPassword(offline, password, credentials);
            } finally {
                offline.shutdown();
            }
            credentials.applied(Secret.NEO4J);
        }
        DatabaseManagementService dbms = configured(home, pageCache)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .build();
        try {
            GraphDatabaseAPI database = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            int port = database.getDependencyResolver()
                    .resolveDependency(ConnectorPortRegister.class)
                    .getLocalAddress(ConnectorType.BOLT)
                    .getPort();
            if (newStore) {
                credentials.applied(Secret.NEO4J);
                InitialUser.remove(home);
            }
            log.info("Embedded Neo4j ready in {} with Bolt on 127.0.0.1:{}", home.toAbsolutePath(), port);
            return new EmbeddedNeo4jServer(dbms, port, password);
        } catch (RuntimeException e) {
            dbms.shutdown();
            throw e;
        }
    }

    private static DatabaseManagementServiceBuilder configured(Path home, String pageCache) {
        return new DatabaseManagementServiceBuilder(home)
                // Neo4j's HTTP server needs Jetty/Jersey versions that clash with Boot's; Bolt is all we use
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // the in-JVM local connector breaks on Boot's Netty 4.2
                .setConfig(BoltConnectorInternalSettings.enable_local_connector, false)
                // without these Neo4j waits out Netty's 10 s quiet period on every shutdown
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
                // nothing leaves the machine: no usage report to Neo4j's servers (sent 10 minutes after start when on),
                // and no LOAD CSV from file or network URLs (the projection never uses it; a Cypher injection could)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(GraphDatabaseInternalSettings.cypher_ip_blocklist,
                        List.of(new IPAddressString("0.0.0.0/0"), new IPAddressString("::/0")));
    }

    /** Sets the password of {@value #USER} (and creates the user, should someone have dropped it). */
    private static void setPassword(DatabaseManagementService dbms, String password, EmbeddedCredentials credentials) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        Boolean changeRequired = system.executeTransactionally(
                "SHOW USERS YIELD user, passwordChangeRequired WHERE user = $user RETURN passwordChangeRequired", Map.of("user", USER),
                result -> result.hasNext() ? (Boolean) result.next().get("passwordChangeRequired") : null);
        system.executeTransactionally((changeRequired == null ? "CREATE" : "ALTER") + " USER " + USER
                + " SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        if (Boolean.FALSE.equals(changeRequired)) {
            log.warn("Embedded Neo4j had a password that was not in {}: a new one was set and is written there", credentials.file().toAbsolutePath());
        } else {
            log.info("Embedded Neo4j asks for a password (user {}, password in {})", USER, credentials.file().toAbsolutePath());
        }
    }

    public String username() {
        return USER;
    }

    public String password() {
        return password;
    }

    public URI boltUri() {
        return URI.create("bolt://127.0.0.1:" + boltPort);
    }

    @Override
    public void close() {
        dbms.shutdown();
    }
}
