package io.relationships.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GraphQL over WebSocket (graphql-transport-ws) as a client speaks it: open with the headers a client would send
 * (a key, an {@code Origin}), initialise, subscribe, read the messages one by one.
 */
public final class GraphQlWebSocket implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebSocket socket;
    private final LinkedBlockingQueue<String> received;
    private final CompletableFuture<Integer> closed;

    private GraphQlWebSocket(WebSocket socket, LinkedBlockingQueue<String> received, CompletableFuture<Integer> closed) {
        this.socket = socket;
        this.received = received;
        this.closed = closed;
    }

    /** Opens the socket and initialises it (connection_ack received); {@code headers} as name, value, name, value… */
    public static GraphQlWebSocket open(int port, String... headers) throws Exception {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws");
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        WebSocket socket = builder.buildAsync(URI.create("ws://localhost:" + port + "/graphql"), new WebSocket.Listener() {
            final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    received.add(text.toString());
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }
        }).join();
        GraphQlWebSocket client = new GraphQlWebSocket(socket, received, closed);
        client.send("{\"type\": \"connection_init\"}");
        JsonNode ack = client.next();
        if (ack == null || !"connection_ack".equals(ack.path("type").asString())) {
            throw new IllegalStateException("no connection_ack: " + ack);
        }
        return client;
    }

    /** The status code of a handshake the service refused (an exception when it accepted). */
    public static int refusedHandshake(int port, String... headers) throws Exception {
        try (GraphQlWebSocket accepted = open(port, headers)) {
            throw new IllegalStateException("the handshake was accepted");
        } catch (CompletionException refused) {
            if (refused.getCause() instanceof WebSocketHandshakeException handshake) {
                return handshake.getResponse().statusCode();
            }
            throw refused;
        }
    }

    public void subscribe(String id, String document) {
        send("{\"id\": \"" + id + "\", \"type\": \"subscribe\", \"payload\": {\"query\": " + JSON.writeValueAsString(document) + "}}");
    }

    /** The answer to {@code query} (its {@code next} or {@code error} message), past the other messages; null after 10 s. */
    public String ask(String query) throws InterruptedException {
        String id = Long.toString(System.nanoTime());
        subscribe(id, query);
        for (String message = received.poll(10, TimeUnit.SECONDS); message != null; message = received.poll(10, TimeUnit.SECONDS)) {
            if (message.contains("\"" + id + "\"") && !message.contains("\"complete\"")) {
                return message;
            }
        }
        return null;
    }

    /** The close code, once the service closed the socket. */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    /** The next message, or null after 30 s of silence. */
    public JsonNode next() throws InterruptedException {
        String message = received.poll(30, TimeUnit.SECONDS);
        return message == null ? null : JSON.readTree(message);
    }

    private void send(String text) {
        socket.sendText(text, true).join();
    }

    @Override
    public void close() {
        CompletableFuture<WebSocket> closing = socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        closing.exceptionally(alreadyClosed -> socket).join();
    }
}
