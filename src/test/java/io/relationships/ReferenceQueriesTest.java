package io.relationships;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.relationships.graph.GraphSync;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every SQL statement and Cypher query of docs/reference.md runs against the sample catalog and its graph, and the
 * ones about AAPL and XLK find what the sample data holds: the quick reference cannot drift from the schema.
 */
@IntegrationTest
class ReferenceQueriesTest {

    static final Pattern BLOCK = Pattern.compile("```(sql|cypher)\\n(.*?)```", Pattern.DOTALL);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Driver neo4j;
    @Autowired
    GraphSync sync;

    record Query(String language, String text) {
    }

    @TestFactory
    Stream<DynamicTest> everyQueryOfTheReferenceRuns() throws Exception {
        sync.syncNow(false, "test"); // the graph in step with the catalog before asking it
        List<Query> queries = new ArrayList<>();
        Matcher blocks = BLOCK.matcher(Files.readString(Path.of("docs/reference.md")));
        while (blocks.find()) {
            String language = blocks.group(1);
            // statements end with ';' (comments stripped: one may hold a semicolon)
            String body = blocks.group(2).replaceAll("--[^\\n]*", "").replaceAll("//[^\\n]*", "");
            for (String statement : body.split(";")) {
                if (!statement.isBlank()) {
                    queries.add(new Query(language, statement.strip()));
                }
            }
        }
        assertThat(queries.size()).isGreaterThan(12);
        return queries.stream().map(q -> DynamicTest.dynamicTest(q.language() + ": " + q.text().lines().findFirst().orElse(""), () -> {
            int rows;
            if (q.language().equals("sql")) {
                rows = jdbc.sql(q.text()).query().listOfRows().size();
            } else {
                try (var session = neo4j.session()) {
                    rows = session.run(q.text()).list().size();
                }
            }
            if ((q.text().contains("'AAPL'") || q.text().contains("'XLK'")) && !q.text().contains("= 42")) { // run 42 is an example
                assertThat(rows).as("the sample data answers: " + q.text()).isPositive();
            }
        }));
    }
}
