package io.relationships.external;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.relationships.embedded.EnginesInChildProcess;

/**
 * PostgreSQL and Neo4j started by a test in a process of their own ({@link EnginesInChildProcess}): the "external
 * servers" the production artifact and several instances of the service connect to.
 */
public final class ExternalEngines implements Servers {

    private final Process process;
    public final String jdbcUrl;
    public final String username;
    public final String password;
    public final String boltUri;
    public final String neo4jUser;
    public final String neo4jPassword;

    private ExternalEngines(Process process, String[] line) {
        this.process = process;
        this.jdbcUrl = line[1];
        this.username = line[2];
        this.password = line[3];
        this.boltUri = line[4];
        this.neo4jUser = line[5];
        this.neo4jPassword = line[6];
    }

    public static ExternalEngines start(Path directory) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx768m"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-opens")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), EnginesInChildProcess.class.getName(), directory.toString()));
        Process process = new ProcessBuilder(command).redirectError(directory.resolveSibling("engines.log").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("ENGINES ")) {
                return new ExternalEngines(process, line.split(" "));
            }
        }
        throw new IllegalStateException("the engines did not start; see " + directory.resolveSibling("engines.log"));
    }

    @Override
    public List<String> arguments() {
        return List.of("--relationships.embedded.enabled=false", "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + username, "--spring.datasource.password=" + password,
                "--spring.neo4j.uri=" + boltUri, "--spring.neo4j.authentication.username=" + neo4jUser,
                "--spring.neo4j.authentication.password=" + neo4jPassword);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
