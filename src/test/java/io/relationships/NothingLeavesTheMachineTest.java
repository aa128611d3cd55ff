package io.relationships;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Nothing the service runs reaches off the machine unless a user configured it: the embedded Neo4j's usage report
 * is off (and its code is not even on the classpath), LOAD CSV cannot fetch URLs, and after start-up and a round of
 * queries every socket of this process talks to loopback.
 */
@IntegrationTest
class NothingLeavesTheMachineTest {

    @Autowired
    Driver neo4j;
    @Autowired
    HttpGraphQlTester graphQl;

    @Test
    void theRunningNeo4jHasItsUsageReportTurnedOff() {
        try (var session = neo4j.session()) {
            String value = session.run("CALL dbms.listConfig('dbms.usage_report.enabled') YIELD name, value "
                    + "WHERE name = 'dbms.usage_report.enabled' RETURN value").single().get("value").asString();
            assertThat(value).isEqualTo("false");
        }
    }

    @Test
    void theUsageReportCodeIsNotOnTheClasspath() {
        assertThatThrownBy(() -> Class.forName("org.neo4j.udc.UserDataCollector"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void loadCsvCannotReachTheNetworkOrTheDisk() {
        try (var session = neo4j.session()) {
            assertThatThrownBy(() -> session.run("LOAD CSV FROM 'http://93.184.216.34/x.csv' AS row RETURN count(row)").consume())
                    .hasMessageContaining("blocked");
            assertThatThrownBy(() -> session.run("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN count(row)").consume())
                    .hasMessageContaining("allow_csv_import_from_file_urls");
        }
    }

    @Test
    void everySocketOfTheProcessIsOnLoopback() throws IOException {
        graphQl.document("{ stock(symbol: \"AAPL\") { symbol etfs { edges { node { etf { symbol } } } } } dataQuality { status } }").execute();
        Set<String> inodes = socketInodes();
        List<String> remote = new ArrayList<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6", "/proc/self/net/udp", "/proc/self/net/udp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path); // once: the table changes as sockets open and close
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.trim().split("\\s+");
                if (!inodes.contains(cells[9])) {
                    continue;
                }
                InetAddress address = address(cells[2].split(":")[0]);
                if (!address.isLoopbackAddress() && !address.isAnyLocalAddress()) {
                    remote.add(table + " " + address.getHostAddress());
                }
            }
        }
        assertThat(inodes).as("the process has sockets to look at").isNotEmpty();
        assertThat(remote).as("sockets of this process whose far end is not on this machine").isEmpty();
    }

    /** The inodes of the sockets this process holds open. */
    private static Set<String> socketInodes() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // closed while we looked
                }
            });
        }
        return inodes;
    }

    /** An address as /proc/net/tcp writes it: hex, each 32-bit word in host (little-endian) order. */
    private static InetAddress address(String hex) throws IOException {
        byte[] raw = new BigInteger(hex, 16).toByteArray();
        byte[] bytes = new byte[hex.length() / 2];
        System.arraycopy(raw, Math.max(0, raw.length - bytes.length), bytes, Math.max(0, bytes.length - raw.length),
                Math.min(raw.length, bytes.length));
        for (int word = 0; word < bytes.length; word += 4) {
            for (int i = 0; i < 2; i++) {
                byte b = bytes[word + i];
                bytes[word + i] = bytes[word + 3 - i];
                bytes[word + 3 - i] = b;
            }
        }
        return InetAddress.getByAddress(bytes);
    }
}
