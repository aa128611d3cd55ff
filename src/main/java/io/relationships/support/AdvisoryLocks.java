package io.relationships.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/**
 * PostgreSQL session-level advisory locks, each held on a connection of its own for as long as the work runs:
 * "one at a time" across every instance of the service. If the process dies, PostgreSQL drops the connection
 * and with it the lock.
 */
@Component
public class AdvisoryLocks {

    /** One load at a time. */
    public static final long LOAD = 0x52454C_4C4F4144L;
    /** One graph sync at a time. */
    public static final long GRAPH_SYNC = 0x52454C_53594E43L;
    /** One look at the inbox folders at a time: files are listed, loaded and moved away by one instance. */
    public static final long INBOX = 0x52454C_494E4258L;

    /** A held lock; closing it releases the lock and returns the connection. */
    public static final class Held implements AutoCloseable {
        private final Connection connection;
        private final long key;
        private volatile Runnable onRelease = () -> {
        };

        private Held(Connection connection, long key) {
            this.connection = connection;
            this.key = key;
        }

        /** Runs {@code action} when the lock is released. */
        public Held whenReleased(Runnable action) {
            this.onRelease = action;
            return this;
        }

        @Override
        public void close() {
            try (Connection c = connection; Statement statement = c.createStatement()) {
                statement.execute("select pg_advisory_unlock(" + key + ")");
            } catch (SQLException e) {
                // closing the connection releases a session lock anyway
            } finally {
                onRelease.run();
            }
        }
    }

    private final DataSource dataSource;

    AdvisoryLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The lock if nobody else holds it. */
    public Optional<Held> tryAcquire(long key) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement();
                 var result = statement.executeQuery("select pg_try_advisory_lock(" + key + ")")) {
                result.next();
                if (result.getBoolean(1)) {
                    return Optional.of(new Held(connection, key));
                }
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // already failing
                }
            }
            throw new IllegalStateException("Could not take advisory lock: " + e.getMessage(), e);
        }
    }
}
