package io.relationships.external;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx (Debian's package; {@code .ci/run} installs it) in front of instances of the service, configured by the
 * repository's own {@code deploy/nginx.conf} with its upstream and listen lines swapped for the test's.
 */
public final class Nginx implements AutoCloseable {

    static final Path BINARY = Path.of(System.getenv().getOrDefault("NGINX", "/usr/sbin/nginx"));

    private final Process process;
    public final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Nginx start(Path directory, List<Integer> upstreamPorts) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("nginx is not installed at " + BINARY + " (Debian's nginx package; .ci/run installs it, "
                    + "or set NGINX to another binary)");
        }
        Files.createDirectories(directory.resolve("logs"));
        int port = ServiceProcess.freePort();
        String shipped = Files.readString(Path.of("deploy/nginx.conf"));
        StringBuilder upstream = new StringBuilder();
        upstreamPorts.forEach(p -> upstream.append("    server 127.0.0.1:").append(p).append(" max_fails=1 fail_timeout=5s;\n"));
        String config = shipped
                .replaceAll("(?m)^\\s*server service-[a-z]:8080;\\n", "")
                .replace("upstream relationships {\n", "upstream relationships {\n" + upstream)
                .replace("listen 80;", "listen 127.0.0.1:" + port + ";")
                .replace("events {}", "daemon off;\npid " + directory.resolve("nginx.pid") + ";\nerror_log " + directory.resolve("logs/error.log")
                        + ";\nevents {}")
                .replace("http {", "http {\n  access_log " + directory.resolve("logs/access.log") + ";\n  client_body_temp_path "
                        + directory.resolve("body") + ";\n  proxy_temp_path " + directory.resolve("proxy") + ";\n  fastcgi_temp_path "
                        + directory.resolve("fastcgi") + ";\n  uwsgi_temp_path " + directory.resolve("uwsgi") + ";\n  scgi_temp_path "
                        + directory.resolve("scgi") + ";");
        Path file = Files.writeString(directory.resolve("nginx.conf"), config);
        Process process = new ProcessBuilder(BINARY.toString(), "-c", file.toString(), "-p", directory.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("logs/stdout.log").toFile()).start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (var socket = new Socket("127.0.0.1", port)) {
                return new Nginx(process, port);
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nginx stopped: " + Files.readString(directory.resolve("logs/stdout.log"))
                            + Files.readString(directory.resolve("logs/error.log")));
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nginx did not listen in 10 s");
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
