package io.relationships.embedded;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import inet.ipaddr.IPAddressString;
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
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Neo4j 5 community, in-process, with Bolt on a loopback port: the service talks to it through the Java driver
 * exactly as it would to a server elsewhere.
 */
public final class EmbeddedNeo4jServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedNeo4jServer.class);

    private final DatabaseManagementService dbms;
    private final int boltPort;

    private EmbeddedNeo4jServer(DatabaseManagementService dbms, int boltPort) {
        this.dbms = dbms;
        this.boltPort = boltPort;
    }

    public static EmbeddedNeo4jServer start(Path home, int boltPort, String pageCache) {
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                // Neo4j's HTTP server needs Jetty/Jersey versions that clash with Boot's; Bolt is all we use
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
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
                        List.of(new IPAddressString("0.0.0.0/0"), new IPAddressString("::/0")))
                .build();
        try {
            GraphDatabaseAPI database = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            int port = database.getDependencyResolver()
                    .resolveDependency(ConnectorPortRegister.class)
                    .getLocalAddress(ConnectorType.BOLT)
                    .getPort();
            log.info("Embedded Neo4j ready in {} with Bolt on 127.0.0.1:{}", home.toAbsolutePath(), port);
            return new EmbeddedNeo4jServer(dbms, port);
        } catch (RuntimeException e) {
            dbms.shutdown();
            throw e;
        }
    }

    public URI boltUri() {
        return URI.create("bolt://127.0.0.1:" + boltPort);
    }

    @Override
    public void close() {
        dbms.shutdown();
    }
}
