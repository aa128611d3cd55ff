import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import io.relationships.catalog.CatalogSearch;
import io.relationships.catalog.TextFolding;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The three ways a typeahead could find things, measured on the same catalog and texts (bench/search-candidates.sh
 * runs it against the engines of a running service): PostgreSQL full-text vectors and b-tree prefixes in tiers (what
 * the service does: {@link CatalogSearch}), PostgreSQL trigrams (pg_trgm), and a Neo4j full-text index (Lucene).
 * One query at a time, each text once after a warm-up pass; milliseconds at the median and the 99th percentile.
 *
 * <pre>java -cp target/classes:$(cat target/bench/classpath) bench/SearchCandidates.java JDBC_URL USER PASSWORD BOLT_URL NEO4J_PASSWORD TEXTS_FILE</pre>
 */
public class SearchCandidates {

    public static void main(String[] args) throws Exception {
        List<String> texts = Files.readAllLines(Path.of(args[5])).stream().filter(t -> !t.isBlank()).toList();
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2]);
             Driver neo4j = GraphDatabase.driver(args[3], AuthTokens.basic("neo4j", args[4]))) {
            JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            Constructor<CatalogSearch> constructor = CatalogSearch.class.getDeclaredConstructor(JdbcClient.class);
            constructor.setAccessible(true);
            CatalogSearch tiers = constructor.newInstance(jdbc);
            report("postgresql full-text + b-tree, in tiers (the service's)", texts,
                    text -> tiers.search(text, EnumSet.noneOf(CatalogSearch.Kind.class), 10));

            try (Statement statement = connection.createStatement()) {
                statement.execute("create extension if not exists pg_trgm");
                statement.execute("create index if not exists bench_securities_trgm on securities using gin (search_fold(coalesce(name, '')) gin_trgm_ops)");
                statement.execute("analyze securities");
            }
            PreparedStatement trigrams = connection.prepareStatement("""
                    select s.symbol, s.name from securities s
                    where (s.symbol like ? || '%' or search_fold(coalesce(s.name, '')) like '%' || search_fold(?) || '%')
                      and exists (select 1 from group_memberships m where m.symbol = s.symbol)
                    order by s.symbol = ? desc, s.symbol like ? || '%' desc,
                             word_similarity(search_fold(?), search_fold(coalesce(s.name, ''))) desc, s.market_cap desc nulls last, s.symbol
                    limit 10""");
            report("postgresql pg_trgm (stocks only)", texts, text -> {
                String upper = text.strip().toUpperCase(Locale.ROOT);
                try {
                    trigrams.setString(1, upper);
                    trigrams.setString(2, text);
                    trigrams.setString(3, upper);
                    trigrams.setString(4, upper);
                    trigrams.setString(5, text);
                    try (ResultSet rs = trigrams.executeQuery()) {
                        while (rs.next()) {
                            rs.getString(1);
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            try (Session session = neo4j.session()) {
                session.run("CREATE FULLTEXT INDEX bench_typeahead IF NOT EXISTS FOR (n:Stock|ETF|Sector|Industry|Theme|Universe) "
                        + "ON EACH [n.symbol, n.key, n.name] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}").consume();
                session.run("CALL db.awaitIndexes(300)").consume();
                report("neo4j full-text (lucene, standard-folding), one round trip", texts, text -> {
                    List<String> terms = TextFolding.words(text).stream().map(w -> w + "*").toList();
                    if (!terms.isEmpty()) {
                        session.run("CALL db.index.fulltext.queryNodes('bench_typeahead', $q, {limit: 10}) YIELD node, score "
                                + "RETURN coalesce(node.symbol, node.key) AS label, node.name AS name, score", Map.of("q", String.join(" AND ", terms))).list();
                    }
                });
            }
        }
    }

    static void report(String candidate, List<String> texts, Consumer<String> search) {
        texts.forEach(search); // warm-up: plans, caches, JIT
        List<Double> millis = new ArrayList<>(texts.size());
        for (String text : texts) {
            long started = System.nanoTime();
            search.accept(text);
            millis.add((System.nanoTime() - started) / 1e6);
        }
        Collections.sort(millis);
        System.out.printf(Locale.ROOT, "%-60s  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  (%d texts)%n", candidate,
                millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.99) - 1), millis.get(millis.size() - 1), texts.size());
    }
}
