package io.relationships.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.relationships.support.AdvisoryLocks;
import io.relationships.support.AlertingService;
import io.relationships.support.ClusterSchedule;
import io.relationships.support.MutableClock;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Inbox loads end to end: files dropped into the holdings inbox are loaded by the service's own timer (polling every
 * second here), moved to {@code processed/} or {@code rejected/} with their run's id, and announced by real mail and
 * webhook; one instance looks at a time and a running load makes the inbox wait; on a cron, each occurrence is taken
 * once, and announced even when nothing arrived.
 */
class InboxTest extends AlertingService {

    static final Pattern RUN = Pattern.compile("\\(run (\\d+)\\)");

    @Autowired
    LoadRunStore runs;
    @Autowired
    LoadService loads;
    @Autowired
    AdvisoryLocks locks;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    InboxLoads inboxLoads;
    @Autowired
    ClusterSchedule schedule;
    @Autowired
    LoadProperties properties;

    final Path holdings = INBOX.resolve("holdings");

    @BeforeEach
    void quiet() {
        forgetReceived();
    }

    @AfterEach
    void forgetTheCronsOccurrences() {
        jdbc.sql("delete from scheduled_runs where job = 'inbox'").update();
    }

    /** Drops a file as the runbook says to: written under a hidden name, then renamed in one step. */
    Path drop(String name, String content) throws IOException {
        Path partial = Files.writeString(holdings.resolve("." + name + ".part"), content);
        return Files.move(partial, holdings.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The service's load settings with another inbox. */
    LoadProperties with(LoadProperties.Inbox inbox) {
        return new LoadProperties(properties.allowedRoots(), properties.maxFileSize(), properties.weightSum(), properties.maxFindingsPerFile(),
                false, properties.uploadDir(), properties.uploadRetention(), false, properties.packagedSampleDir(), properties.archives(), inbox);
    }

    static long runOf(MimeMessage mail) {
        Matcher run = RUN.matcher(subject(mail));
        assertThat(run.find()).as(subject(mail)).isTrue();
        return Long.parseLong(run.group(1));
    }

    @Test
    void droppedFilesAreLoadedMovedToProcessedAndAnnouncedByMailAndWebhook() throws Exception {
        drop("INBA.csv", "# fund: INBA\n# as_of: 2025-11-20\nsymbol,weight\nNVDA,60\nAAPL,40\n");
        drop("INBB.csv", "# fund: INBB\n# as_of: 2025-11-20\nsymbol,weight\nMSFT,100\n");

        MimeMessage mail = awaitMail("inbox holdings loaded");
        long id = runOf(mail);
        LoadRunRecord run = runs.find(id).orElseThrow();
        assertThat(run.trigger()).isEqualTo(Trigger.SCHEDULE);
        assertThat(run.triggeredBy()).isEqualTo("inbox");
        assertThat(run.mode()).isEqualTo(LoadMode.INCREMENTAL);
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly(STEWARDS);
        assertThat(body(mail)).contains("run " + id + " loaded 2 file(s): added 3, removed 0")
                .contains("files: INBA.csv, INBB.csv").contains("processed").contains("relationships run " + id);
        assertThat(holdings.resolve("processed/" + id + "-INBA.csv")).exists();
        assertThat(holdings.resolve("processed/" + id + "-INBB.csv")).exists();
        assertThat(holdings.resolve("INBA.csv")).doesNotExist();
        assertThat(jdbc.sql("select count(*) from definition_groups where type = 'ETF' and key in ('INBA', 'INBB')").query(Long.class).single())
                .isEqualTo(2);
        WEBHOOK.verify(postRequestedFor(urlEqualTo("/hook")).withRequestBody(containing("inbox holdings")).withRequestBody(containing("run " + id)));
    }

    @Test
    void aRejectedFileGoesToRejectedAndTheMailSaysWhereItIsWrong() throws Exception {
        drop("INBX.csv", "# fund: INBX\n# as_of: 2025-11-20\nsymbol,weight\nNVDA,twenty\n");

        MimeMessage mail = awaitMail("inbox holdings REJECTED");
        long id = runOf(mail);
        assertThat(runs.find(id).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
        assertThat(body(mail)).contains("nothing was written").contains("INBX.csv:4:2: error: the weight of NVDA is not a number")
                .contains("rejected");
        assertThat(holdings.resolve("rejected/" + id + "-INBX.csv")).exists();
        assertThat(jdbc.sql("select count(*) from definition_groups where key = 'INBX'").query(Long.class).single()).isZero();
    }

    @Test
    void whileAnotherInstanceLooksOrALoadRunsTheFilesWait() throws Exception {
        try (AdvisoryLocks.Held looking = locks.tryAcquire(AdvisoryLocks.INBOX).orElseThrow()) {
            drop("INBW.csv", "# fund: INBW\n# as_of: 2025-11-20\nsymbol,weight\nNVDA,100\n");
            Thread.sleep(3000); // three looks of this instance's timer
            assertThat(holdings.resolve("INBW.csv")).as("another instance is looking").exists();
        }
        long first = runOf(awaitMail("inbox holdings loaded"));
        assertThat(holdings.resolve("processed/" + first + "-INBW.csv")).exists();

        forgetReceived();
        try (AdvisoryLocks.Held loading = locks.tryAcquire(AdvisoryLocks.LOAD).orElseThrow()) {
            drop("INBV.csv", "# fund: INBV\n# as_of: 2025-11-20\nsymbol,weight\nAAPL,100\n");
            Thread.sleep(3000);
            assertThat(holdings.resolve("INBV.csv")).as("a load is running (one at a time)").exists();
            assertThat(MAIL.getReceivedMessages()).isEmpty();
        }
        long second = runOf(awaitMail("inbox holdings loaded"));
        assertThat(holdings.resolve("processed/" + second + "-INBV.csv")).exists();
    }

    @Test
    void onACronEachOccurrenceRunsOnceInTheClusterAndNothingArrivedIsAnnouncedToo() {
        MutableClock clock = new MutableClock(Instant.parse("2031-06-02T06:59:00Z")); // a Monday
        LoadProperties withCron = with(new LoadProperties.Inbox(properties.inbox().folders(), "0 0 7 * * MON", null, Duration.ZERO));
        InboxSchedule instanceA = new InboxSchedule(withCron, loads, inboxLoads, schedule, locks, clock);
        InboxSchedule instanceB = new InboxSchedule(withCron, loads, inboxLoads, schedule, locks, clock);
        assertThat(instanceA.nextRun()).contains(Instant.parse("2031-06-02T07:00:00Z"));

        instanceA.tick();
        assertThat(mails("inbox")).as("not yet seven").isEmpty();

        clock.set(Instant.parse("2031-06-02T07:00:20Z"));
        // this instance's timer may be looking this very second (polling): the occurrence stays due until a look takes it
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            instanceA.tick();
            return mails("inbox holdings nothing to do").size() == 1 && mails("inbox sectors nothing to do").size() == 1;
        });
        instanceB.tick();
        instanceA.tick();
        assertThat(mails("nothing to do")).as("once per occurrence, whichever instance").hasSize(2);
        assertThat(body(mails("inbox holdings nothing to do").get(0))).contains("no new holdings files in " + holdings);
        assertThat(instanceB.lastRun()).contains(Instant.parse("2031-06-02T07:00:00Z"));
        assertThat(instanceB.nextRun()).contains(Instant.parse("2031-06-09T07:00:00Z"));
        assertThat(instanceA.schedule()).isEqualTo("0 0 7 * * MON");
    }

    @Test
    void aConfigurationThatCannotWorkStopsTheServiceWithWhatToFix() {
        Map<String, String> folders = Map.of("holding", holdings.toString());
        for (var inbox : Map.of(
                new LoadProperties.Inbox(folders, "0 0 7 * * MON", null, Duration.ZERO), "[holding] is no kind of file",
                new LoadProperties.Inbox(properties.inbox().folders(), "0 0 7 * * MON", Duration.ofMinutes(5), Duration.ZERO), "one of the two",
                new LoadProperties.Inbox(properties.inbox().folders(), "at seven", null, Duration.ZERO), "'at seven' is not a cron").entrySet()) {
            Assertions.assertThatThrownBy(() -> new InboxSchedule(with(inbox.getKey()), loads, inboxLoads, schedule, locks,
                    new MutableClock(Instant.now()))).hasMessageContaining(inbox.getValue());
        }
    }
}
