package io.relationships.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.relationships.IntegrationTest;
import io.relationships.api.security.ApiKeys;
import io.relationships.api.security.Role;
import io.relationships.load.LoadException;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRunStore;
import io.relationships.load.RunStatus;
import io.relationships.load.SourceFiles;
import io.relationships.support.Privileged;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs every command of docs/guides/data_maintenance.md (the {@code bash runbook} blocks, in order) with the CLI,
 * against a service of its own: a fresh catalog whose only history is the sample data, as an operator's would be.
 * <p>
 * The CLI runs as the operator's would, on "a laptop": a process of its own whose working directory is
 * {@code target/runbook-laptop}, which holds this week's files in {@code inbox/} ({@code $INBOX}) — a folder the
 * service may not read. The files are the sample's, with XLK re-weighted and one stock added, a new universe and a
 * new theme. Where a block is followed by an {@code output} block, what the block's commands print must match it, with
 * the placeholders the runbook's top explains.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = "spring.application.name=runbook") // its own context: a catalog without other tests' history
@WithMockUser(username = "test", roles = "ADMIN")
class RunbookTest {

    static final Path RUNBOOK = Path.of("docs/guides/data_maintenance.md");
    static final Pattern BLOCK = Pattern.compile("```bash runbook\\n(.*?)```\\s*(?:```output\\n(.*?)```)?", Pattern.DOTALL);
    static final Path LAPTOP = Path.of("target/runbook-laptop").toAbsolutePath();
    static final Path INBOX = LAPTOP.resolve("inbox");
    /** What every block printed, as the runbook would show it: to copy from when a procedure changes. */
    static final Path PRINTED = Path.of("target/runbook-printed.md");

    @LocalServerPort
    int port;
    @Autowired
    LoadRunStore runs;
    @Autowired
    ApiKeys keys;
    @Autowired
    SourceFiles sourceFiles;

    final Map<String, String> environment = new HashMap<>();

    /** A block's commands and what they print together (null: not compared). */
    record Block(List<String> commands, String expected) {
    }

    @TestFactory
    Stream<DynamicTest> everyCommandOfTheRunbookRunsAndPrintsWhatItSays() throws IOException {
        prepareInbox();
        assertThatThrownBy(() -> sourceFiles.allowed(INBOX)).as("the service cannot read the laptop's files").isInstanceOf(LoadException.class);
        environment.put("RELATIONSHIPS_URL", "http://localhost:" + port);
        environment.put("INBOX", "inbox"); // relative: resolved by the CLI, in the laptop's working directory
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(Files.readString(RUNBOOK));
        while (matcher.find()) {
            blocks.add(new Block(matcher.group(1).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList(),
                    matcher.group(2)));
        }
        assertThat(blocks.stream().mapToInt(b -> b.commands().size()).sum()).as("commands in the runbook").isGreaterThan(20);
        Files.deleteIfExists(PRINTED);
        Stream<DynamicTest> all = blocks.stream().flatMap(block -> {
            StringBuilder printed = new StringBuilder();
            Stream<DynamicTest> commands = block.commands().stream().map(command -> DynamicTest.dynamicTest(command, () -> printed.append(run(command))));
            DynamicTest compared = DynamicTest.dynamicTest("prints what the runbook shows: " + block.commands().get(0), () -> {
                // every block's output, to copy from when the runbook changes
                Files.writeString(PRINTED, "```bash runbook\n" + String.join("\n", block.commands()) + "\n```\n```output\n" + printed + "```\n\n",
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                if (block.expected() != null) {
                    RunbookOutput.assertMatches(block.expected(), printed.toString());
                }
            });
            return Stream.concat(commands, Stream.of(compared));
        });
        return Stream.concat(all, Stream.of(DynamicTest.dynamicTest("most blocks say what they print", () ->
                assertThat(blocks.stream().filter(b -> b.expected() != null).count()).isGreaterThan(10))));
    }

    /** Runs one command as the operator would, in the laptop's folder; returns what it printed. */
    String run(String command) throws IOException, InterruptedException {
        if (command.contains("$RUN_ID")) {
            // the run the operator would pick from `relationships runs`: the last one applied
            environment.putIfAbsent("RUN_ID", String.valueOf(runs.list(null, RunStatus.SUCCEEDED, null, 20).stream()
                    .filter(r -> r.status() == RunStatus.SUCCEEDED && r.mode() != LoadMode.DRY_RUN)
                    .findFirst().orElseThrow().id()));
        }
        if (command.contains("$OLD_KEY_ID")) {
            environment.putIfAbsent("OLD_KEY_ID", String.valueOf(Privileged.runAs("runbook",
                    () -> keys.create("nightly-loader", Role.OPERATOR, "runbook")).record().id()));
        }
        List<String> words = words(command);
        assertThat(words.get(0)).as("the runbook's commands are the CLI's").isEqualTo("relationships");
        List<String> process = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Cli.class.getName()));
        process.addAll(words.subList(1, words.size()));
        ProcessBuilder builder = new ProcessBuilder(process).directory(LAPTOP.toFile())
                .redirectError(LAPTOP.resolve("stderr.txt").toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("RELATIONSHIPS_URL", environment.get("RELATIONSHIPS_URL"));
        builder.environment().put("RELATIONSHIPS_API_KEY", IntegrationTest.ADMIN_KEY);
        Process cli = builder.start();
        String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor(5, TimeUnit.MINUTES)).as(command + " ended").isTrue();
        assertThat(cli.exitValue()).as(command + "\n" + out + Files.readString(LAPTOP.resolve("stderr.txt"))).isZero();
        return out;
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

    /** This week's files, as an operator would have downloaded them to the laptop. */
    static void prepareInbox() throws IOException {
        for (String folder : List.of("holdings", "sectors", "universes", "themes", "todo")) {
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
        // a stock no source knows: the month's worklist names it, and the steward classifies it in the curated file
        Path wgmi = INBOX.resolve("holdings/WGMI.csv");
        Files.writeString(wgmi, Files.readString(wgmi) + "ZZZU,Zed Unmapped Holdings,0.3,\n");
        Files.copy(Path.of("data/sectors/sector_classifications.csv"), INBOX.resolve("sectors/sector_classifications.csv"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(INBOX.resolve("sectors/sector_classifications.csv"), "ZZZQ,Information Technology,Semiconductors,runbook test\n"
                + "ZZZU,Consumer Discretionary,,from the worklist's template\n", StandardOpenOption.APPEND);
        Files.writeString(INBOX.resolve("universes/nasdaq100_constituents.csv"),
                "symbol,name\nAAPL,Apple Inc.\nMSFT,Microsoft Corp.\nNVDA,NVIDIA Corp.\nAMZN,Amazon.com Inc.\nGOOGL,Alphabet Inc. Class A\n");
        Files.writeString(INBOX.resolve("themes/themes.csv"), Files.readString(Path.of("data/themes/themes.csv"))
                + "quantum,Quantum Computing,\"Companies building quantum computers\",IBM;GOOGL;ZZZQ\n");
    }
}
