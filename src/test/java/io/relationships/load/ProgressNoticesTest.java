package io.relationships.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.relationships.IntegrationTest;
import io.relationships.embedded.EmbeddedEngines;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the other instances hear of a run's progress, read as they read it (LISTEN on PostgreSQL): each event at
 * once, even from inside the run's transaction, and not one notice per file of a run over many small files.
 */
@IntegrationTest
class ProgressNoticesTest {

    @Autowired
    ProgressHub progress;
    @Autowired
    EmbeddedEngines engines;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void progressReachesTheOtherInstancesWhileTheRunsTransactionIsStillOpen() throws Exception {
        try (Connection listener = listening()) {
            List<String> heardBeforeTheEnd = transactions.execute(status -> {
                progress.publish(new LoadProgress(-1, "reading", 3, 1, 10, "a.csv", false, null, null));
                List<String> heard = notices(listener, 2_000);
                status.setRollbackOnly();
                return heard;
            });
            assertThat(heardBeforeTheEnd).as("heard while the transaction was open").hasSize(1);
            assertThat(heardBeforeTheEnd.get(0)).contains("\"runId\":-1").contains("\"phase\":\"reading\"");
        } finally {
            progress.publish(new LoadProgress(-1, "failed", 3, 1, 10, null, true, null, null));
        }
    }

    @Test
    void aRunOverManyFilesSendsEveryPhaseAndItsEndButNotEveryFile() throws Exception {
        try (Connection listener = listening()) {
            progress.publish(new LoadProgress(-2, "reading", 200, 0, 0, null, false, null, null));
            for (int file = 1; file <= 200; file++) {
                progress.publish(new LoadProgress(-2, "reading", 200, file, file, "f" + file + ".csv", false, null, null));
            }
            progress.publish(new LoadProgress(-2, "applying", 200, 200, 200, null, false, null, null));
            progress.publish(new LoadProgress(-2, "failed", 200, 200, 200, null, true, "x".repeat(9_000), null));

            List<String> heard = notices(listener, 1_000);
            assertThat(heard.size()).as("a few notices, not one per file: %s", heard.size()).isBetween(3, 40);
            assertThat(heard.get(0)).contains("\"phase\":\"reading\"");
            assertThat(heard.get(heard.size() - 2)).contains("\"phase\":\"applying\"");
            assertThat(heard.get(heard.size() - 1)).as("the end, its long message cut to fit a notice")
                    .contains("\"phase\":\"failed\"").contains("\"finished\":true");
        }
    }

    private Connection listening() throws Exception {
        Connection connection = DriverManager.getConnection(engines.postgres().jdbcUrl(), engines.postgres().username(),
                engines.postgres().password());
        try (Statement statement = connection.createStatement()) {
            statement.execute("listen " + ProgressHub.CHANNEL);
        }
        return connection;
    }

    /** The notices heard until {@code quietMillis} pass without one. */
    private static List<String> notices(Connection listener, int quietMillis) {
        List<String> heard = new ArrayList<>();
        try {
            for (PGNotification[] batch = listener.unwrap(PGConnection.class).getNotifications(quietMillis);
                 batch != null && batch.length > 0; batch = listener.unwrap(PGConnection.class).getNotifications(quietMillis)) {
                Arrays.stream(batch).map(PGNotification::getParameter).forEach(heard::add);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return heard;
    }
}
