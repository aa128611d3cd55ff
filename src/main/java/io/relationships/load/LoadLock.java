package io.relationships.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.format.DateTimeFormatter;

import javax.sql.DataSource;

import io.relationships.catalog.LoadRunStore;
import org.springframework.stereotype.Component;

/**
 * One load at a time, across every instance of the service on the same PostgreSQL: a session-level advisory
 * lock, held on its own connection for the whole run. If the process dies, PostgreSQL drops the connection and
 * with it the lock.
 */
@Component
class LoadLock {

    /** An arbitrary constant that names "the catalog load" among advisory locks. */
    private static final long LOCK_KEY = 0x52454C_4C4F4144L;

    /** The held lock; closing it releases the lock and returns the connection. */
    final class Held implements AutoCloseable {
        private final Connection connection;

        private Held(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void close() {
            try (Connection c = connection; Statement statement = c.createStatement()) {
                statement.execute("select pg_advisory_unlock(" + LOCK_KEY + ")");
            } catch (SQLException e) {
                // closing the connection releases a session lock anyway
            }
        }
    }

    private final DataSource dataSource;
    private final LoadRunStore runs;

    LoadLock(DataSource dataSource, LoadRunStore runs) {
        this.dataSource = dataSource;
        this.runs = runs;
    }

    /** Takes the lock or says which run holds it. */
    Held acquire() {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement();
                 var result = statement.executeQuery("select pg_try_advisory_lock(" + LOCK_KEY + ")")) {
                result.next();
                if (!result.getBoolean(1)) {
                    connection.close();
                    throw busy();
                }
            }
            // nobody else holds the lock, so a run still marked RUNNING belongs to a process that died
            runs.failInterruptedRuns();
            return new Held(connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("Could not take the load lock: " + e.getMessage(), e);
        }
    }

    private LoadException busy() {
        return runs.running()
                .map(run -> new LoadException(LoadException.Code.LOAD_RUNNING, "A load is running (run " + run.id() + ", "
                        + run.kind() + " " + run.mode() + ", started at "
                        + run.startedAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "); try again when it has finished"))
                .orElseGet(() -> new LoadException(LoadException.Code.LOAD_RUNNING,
                        "A load is running on another instance of the service; try again when it has finished"));
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already failing
            }
        }
    }
}
