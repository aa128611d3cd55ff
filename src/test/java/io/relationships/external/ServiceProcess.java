package io.relationships.external;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The service run from a built jar in a process of its own, as an operator runs it: {@code java -jar … --server.port=…}. */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    public final int port;

    private ServiceProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** The jar a build made: {@code target/relationship-service-*.jar} or {@code target/production/…}. */
    public static Path jar(String folder) throws IOException {
        try (Stream<Path> files = Files.list(Path.of(folder))) {
            return files.filter(p -> p.getFileName().toString().matches("relationship-service-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no jar in " + folder + ": the build makes it before the ITs"))
                    .toAbsolutePath();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Starts {@code java -jar jar} in {@code workDirectory} with these arguments (and a port of its own). */
    public static ServiceProcess start(Path jar, Path workDirectory, List<String> arguments) throws IOException {
        Files.createDirectories(workDirectory);
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", jar.toString(), "--server.port=" + port));
        command.addAll(arguments);
        Path log = workDirectory.resolve("service.log");
        Process process = new ProcessBuilder(command).directory(workDirectory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new ServiceProcess(process, log, port);
    }

    /** Waits until readiness is UP (or the process dies); returns how long it took, in ms. */
    public long awaitReady(Duration timeout) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service stopped: " + log());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - started) / 1_000_000;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("not ready in " + timeout + ": " + log());
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Ends the process the hard way, as a crash or an OOM killer would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
