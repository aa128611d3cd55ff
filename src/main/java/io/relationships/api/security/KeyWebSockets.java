package io.relationships.api.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.core.Authentication;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * GraphQL over WebSocket as Spring GraphQL serves it, knowing which sessions an API key opened: a key is checked
 * once, at the handshake, so when it is revoked its sessions are closed ({@link #REVOKED}) rather than left
 * answering. Sessions of a login (the admin page) end with the HTTP session.
 */
class KeyWebSockets extends GraphQlWebSocketHandler implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KeyWebSockets.class);
    /** graphql-transport-ws's code for "unauthorized": clients do not reconnect with the same credentials. */
    static final CloseStatus REVOKED = new CloseStatus(4401, "the API key of this connection was revoked");
    /**
     * Tomcat gives the close frame of any code but 1000 only 50 ms to be written before it drops the connection
     * without one, which the client sees as 1006 (abnormal) and may answer by reconnecting; a busy instance needs
     * longer. The closes run on threads of their own, so a client that does not read holds up no notice and no other
     * work.
     */
    static final long CLOSE_SEND_TIMEOUT_MILLIS = 5_000;
    private static final String CLOSE_SEND_TIMEOUT = "org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT";

    /** Boot makes its own handler only when there is none: this one, with Boot's settings, serves instead. */
    @Configuration(proxyBeanMethods = false)
    static class Handler {

        @Bean
        KeyWebSockets graphQlWebSocketHandler(WebGraphQlHandler handler, GraphQlProperties properties, CrossOrigins origins,
                                              JsonMapper json, ApiKeys keys, ThreadPoolTaskExecutorBuilder executors) {
            // the handshake accepts the service's own pages and the origins browser apps may call from
            return new KeyWebSockets(handler, new JacksonJsonHttpMessageConverter(json), properties.getWebsocket().getConnectionInitTimeout(),
                    properties.getWebsocket().getKeepAlive(), origins.allowed(), keys,
                    executors.corePoolSize(2).maxPoolSize(2).threadNamePrefix("revoked-sockets-").build());
        }
    }

    private final ApiKeys keys;
    private final ThreadPoolTaskExecutor closer;
    private final Map<Long, Set<WebSocketSession>> byKey = new ConcurrentHashMap<>();

    KeyWebSockets(WebGraphQlHandler handler, JacksonJsonHttpMessageConverter converter, Duration initTimeout, Duration keepAlive,
                  CorsConfiguration cors, ApiKeys keys, ThreadPoolTaskExecutor closer) {
        super(handler, converter, initTimeout, keepAlive, cors);
        this.keys = keys;
        this.closer = closer;
        this.closer.setDaemon(true);
        this.closer.initialize();
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        Optional<Long> key = keyOf(session);
        if (key.isPresent()) {
            byKey.computeIfAbsent(key.get(), id -> ConcurrentHashMap.newKeySet()).add(session);
            // revoked between the handshake's check and now: the notice has come and gone; this one closes before
            // it can ask anything
            if (keys.get(key.get()).map(k -> k.revokedAt() != null).orElse(true)) {
                forget(key.get(), session);
                closeRevoked(session);
                close(key.get());
                return;
            }
        }
        super.afterConnectionEstablished(session);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        keyOf(session).ifPresent(id -> forget(id, session));
        super.afterConnectionClosed(session, status);
    }

    private void forget(long key, WebSocketSession session) {
        byKey.computeIfPresent(key, (k, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    @Override
    public void destroy() {
        closer.shutdown();
    }

    /** The keys that have sessions open here. */
    Set<Long> keysWithSessions() {
        return Set.copyOf(byKey.keySet());
    }

    /** Closes every session key {@code id} opened here. */
    void close(long id) {
        Set<WebSocketSession> sessions = byKey.remove(id);
        if (sessions == null) {
            return;
        }
        for (WebSocketSession session : sessions) {
            closer.execute(() -> closeRevoked(session));
        }
        log.info("Closing {} WebSocket session(s) of revoked API key {}", sessions.size(), id);
    }

    private static void closeRevoked(WebSocketSession session) {
        try {
            if (session instanceof NativeWebSocketSession nativeSession
                    && nativeSession.getNativeSession() instanceof Session tomcat) {
                tomcat.getUserProperties().put(CLOSE_SEND_TIMEOUT, CLOSE_SEND_TIMEOUT_MILLIS);
            }
            session.close(REVOKED);
        } catch (IOException | RuntimeException alreadyGone) {
            log.debug("Closing WebSocket {} of a revoked key: {}", session.getId(), alreadyGone.getMessage());
        }
    }

    private static Optional<Long> keyOf(WebSocketSession session) {
        return session.getPrincipal() instanceof Authentication authentication
                && authentication.getDetails() instanceof ApiKeyAuthenticationFilter.KeyDetails details
                ? Optional.of(details.keyId()) : Optional.empty();
    }
}
