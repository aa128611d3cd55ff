package io.relationships.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL {@code LISTEN/NOTIFY} for the instances of the service: one connection per instance listens on every
 * channel a capability subscribed to and hands each notice to its subscribers, on one thread, in the order
 * PostgreSQL delivered them. Notices sent while the connection was lost are gone: after a reconnect, every
 * subscriber's {@code onReconnect} runs so that it can catch up from the tables.
 */
@Component
public class PgNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PgNotifications.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z_]{1,63}");
    /** NOTIFY payloads must stay under 8000 bytes. */
    public static final int MAX_PAYLOAD = 7000;

    private record Subscriber(Consumer<String> onNotice, Runnable onReconnect) {
    }

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean stopped;
    private volatile Thread listener;

    PgNotifications(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** Calls {@code onNotice} with the payload of every notice on {@code channel}; subscribe before the context starts. */
    public void subscribe(String channel, Consumer<String> onNotice, Runnable onReconnect) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("not a channel name: " + channel);
        }
        subscribers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(new Subscriber(onNotice, onReconnect));
    }

    /** Sends a notice to every instance (this one included), when the current transaction, if any, commits. */
    public void notify(String channel, String payload) {
        if (payload.length() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a notice holds at most " + MAX_PAYLOAD + " characters");
        }
        jdbc.sql("select pg_notify(?, ?)").params(channel, payload).query(rs -> {
        });
    }

    @Override
    public void start() {
        // started again after a stop (a paused context, a restart of the lifecycle): notices may have been missed
        boolean restarted = stopped;
        running = true;
        Thread thread = new Thread(() -> listen(restarted), "pg-notifications");
        thread.setDaemon(true);
        listener = thread;
        thread.start();
    }

    private void listen(boolean restarted) {
        boolean reconnected = restarted;
        while (running) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                for (String channel : subscribers.keySet()) {
                    statement.execute("listen " + channel);
                }
                if (reconnected) {
                    subscribers.values().forEach(list -> list.forEach(s -> safely(s.onReconnect())));
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notices = pg.getNotifications(1000);
                    if (notices != null) {
                        for (PGNotification notice : notices) {
                            for (Subscriber subscriber : subscribers.getOrDefault(notice.getName(), List.of())) {
                                safely(() -> subscriber.onNotice().accept(notice.getParameter()));
                            }
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Lost the PostgreSQL notification connection ({}); reconnecting", e.getMessage());
                    reconnected = true;
                    sleep(2000);
                }
            }
        }
    }

    private static void safely(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("A notification subscriber failed", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        stopped = true;
        Thread thread = listener;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
