package io.relationships.quality;

import io.relationships.graph.GraphSync;
import io.relationships.support.AlertingService;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quality alerts as the people on call get them: by mail through a real SMTP server and on the webhook, from the
 * service's own validation (a snapshot comparing PostgreSQL with Neo4j), once while a problem stands.
 */
class AlertMailTest extends AlertingService {

    @Autowired
    QualityMonitor monitor;
    @Autowired
    GraphSync sync;
    @Autowired
    Driver neo4j;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void inStepAndQuiet() {
        sync.syncNow(false, "test");
        monitor.awaitPendingSnapshots();
        monitor.snapshot("test"); // standing problems of earlier tests end here, or stand on without a new alert
        forgetReceived();
    }

    @AfterEach
    void repaired() {
        sync.syncNow(true, "test");
        monitor.snapshot("test");
    }

    @Test
    void integrityBelowAHundredPercentIsMailedAndPostedOnceWhileItStands() throws Exception {
        try (var session = neo4j.session()) {
            session.executeWriteWithoutResult(tx -> tx.run("MATCH (:ETF {symbol: 'XLB'})-[h:HOLDS]->(:Stock {symbol: 'LIN'}) DELETE h").consume());
        }

        monitor.snapshot("test"); // the scheduled validation's work: every check, PostgreSQL against Neo4j

        MimeMessage integrity = awaitMail("PostgreSQL/Neo4j integrity is");
        assertThat(subject(integrity)).matches("Relationship data: PostgreSQL/Neo4j integrity is 9\\d\\.\\d\\d%");
        assertThat(integrity.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly(STEWARDS);
        assertThat(integrity.getFrom()).extracting(Object::toString).containsExactly("relationships@example.org");
        assertThat(body(integrity)).startsWith(":warning: relationship data: PostgreSQL/Neo4j integrity is");
        assertThat(body(awaitMail("graph_drift FAILS"))).contains("quality check graph_drift FAILS");
        WEBHOOK.verify(postRequestedFor(urlEqualTo("/hook")).withRequestBody(containing("PostgreSQL/Neo4j integrity is")));
        assertThat(jdbc.sql("select delivered from quality_alerts where key = 'integrity' and resolved_at is null").query(Boolean.class).single())
                .as("recorded as delivered").isTrue();

        monitor.snapshot("test");
        assertThat(mails("integrity is")).as("a standing problem alerts once").hasSize(1);
    }
}
