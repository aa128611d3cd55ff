package io.relationships.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.relationships.IntegrationTest;
import io.relationships.api.security.ApiKeys;
import io.relationships.api.security.Role;
import io.relationships.load.LoadRunStore;
import io.relationships.load.RunStatus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every command of docs/guides/data_maintenance.md (the {@code bash runbook} blocks, in order) with the CLI,
 * against a service of its own: a fresh catalog whose only history is the sample data, as an operator's would be.
 * The inbox holds this week's files: the sample's, with XLK re-weighted and one stock added, a new universe and a
 * new theme.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = "spring.application.name=runbook") // its own context: a catalog without other tests' history
@WithMockUser(username = "test", roles = "ADMIN")
class RunbookTest {

    static final Path RUNBOOK = Path.of("docs/guides/data_maintenance.md");
    static final Pattern BLOCK = Pattern.compile("```bash runbook\\n(.*?)```", Pattern.DOTALL);
    static final Path INBOX = Path.of("target/test-files/runbook-inbox").toAbsolutePath();

    @LocalServerPort
    int port;
    @Autowired
    LoadRunStore runs;
    @Autowired
    ApiKeys keys;

    final Map<String, String> environment = new HashMap<>();

    @TestFactory
    Stream<DynamicTest> everyCommandOfTheRunbookRuns() throws IOException {
        prepareInbox();
        environment.put("RELATIONSHIPS_URL", "http://localhost:" + port);
        environment.put("INBOX", INBOX.toString());
        List<String> commands = new ArrayList<>();
        Matcher blocks = BLOCK.matcher(Files.readString(RUNBOOK));
        while (blocks.find()) {
            blocks.group(1).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(commands::add);
        }
        assertThat(commands.size()).as("commands in the runbook").isGreaterThan(20);
        return commands.stream().map(command -> DynamicTest.dynamicTest(command, () -> run(command)));
    }

    void run(String command) {
        if (command.contains("$RUN_ID")) {
            // the run the operator would pick from `relationships runs`: the last one applied
            environment.putIfAbsent("RUN_ID", String.valueOf(runs.list(null, RunStatus.SUCCEEDED, null, 20).stream()
                    .filter(r -> r.status() == RunStatus.SUCCEEDED && r.mode() != io.relationships.load.LoadMode.DRY_RUN)
                    .findFirst().orElseThrow().id()));
        }
        if (command.contains("$OLD_KEY_ID")) {
            environment.putIfAbsent("OLD_KEY_ID", String.valueOf(io.relationships.support.Privileged.runAs("runbook",
                    () -> keys.create("nightly-loader", Role.OPERATOR, "runbook")).record().id()));
        }
        List<String> words = words(command);
        assertThat(words.get(0)).as("the runbook's commands are the CLI's").isEqualTo("relationships");
        List<String> args = new ArrayList<>(List.of("--url", environment.get("RELATIONSHIPS_URL"), "--api-key", IntegrationTest.ADMIN_KEY));
        args.addAll(words.subList(1, words.size()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        assertThat(code).as(command + "\n" + out + err).isZero();
    }

    /** Splits a command line as a shell would: quotes, and $VAR or ${VAR} from the environment. */
    List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0 && c == quote) {
                quote = 0;
            } else if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
                inWord = true;
            } else if (c == '$' && quote != '\'') {
                int end = i + 1;
                String name;
                if (end < line.length() && line.charAt(end) == '{') {
                    int close = line.indexOf('}', end);
                    name = line.substring(end + 1, close);
                    i = close;
                } else {
                    while (end < line.length() && (Character.isLetterOrDigit(line.charAt(end)) || line.charAt(end) == '_')) {
                        end++;
                    }
                    name = line.substring(i + 1, end);
                    i = end - 1;
                }
                assertThat(environment).as("the runbook uses $" + name).containsKey(name);
                word.append(environment.get(name));
                inWord = true;
            } else if (quote == 0 && Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** This week's files, as an operator would have downloaded them. */
    static void prepareInbox() throws IOException {
        for (String folder : List.of("holdings", "sectors", "universes", "themes")) {
            Path target = INBOX.resolve(folder);
            Files.createDirectories(target);
            try (Stream<Path> old = Files.list(target)) {
                old.forEach(p -> p.toFile().delete());
            }
        }
        try (Stream<Path> holdings = Files.list(Path.of("data/holdings"))) {
            for (Path file : holdings.toList()) {
                Files.copy(file, INBOX.resolve("holdings").resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path xlk = INBOX.resolve("holdings/XLK.csv");
        Files.writeString(xlk, Files.readString(xlk).replace("# as_of: 2025-11-14", "# as_of: 2025-11-21")
                + "ZZZQ,Zed Quantum Corp,0.5,Information Technology\n");
        Files.copy(Path.of("data/sectors/sector_classifications.csv"), INBOX.resolve("sectors/sector_classifications.csv"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(INBOX.resolve("sectors/sector_classifications.csv"), "ZZZQ,Information Technology,Semiconductors,runbook test\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(INBOX.resolve("universes/nasdaq100_constituents.csv"),
                "symbol,name\nAAPL,Apple Inc.\nMSFT,Microsoft Corp.\nNVDA,NVIDIA Corp.\nAMZN,Amazon.com Inc.\nGOOGL,Alphabet Inc. Class A\n");
        Files.writeString(INBOX.resolve("themes/themes.csv"), Files.readString(Path.of("data/themes/themes.csv"))
                + "quantum,Quantum Computing,\"Companies building quantum computers\",IBM;GOOGL;ZZZQ\n");
    }
}
