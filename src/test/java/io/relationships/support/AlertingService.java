package io.relationships.support;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.awaitility.Awaitility.await;

/**
 * The service with its alerts going where a test reads them — a real SMTP server in this process (GreenMail) and a
 * webhook receiver (WireMock), both on free ports — and inbox folders for holdings and sectors, looked at every
 * second. Test classes that extend it share one application context of its own (its own engines).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = {"spring.application.name=alerting", "relationships.quality.alerts.email-from=relationships@example.org"})
@WithMockUser(username = "test", roles = "ADMIN")
public abstract class AlertingService {

    public static final String STEWARDS = "stewards@example.org";
    public static final GreenMail MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    public static final WireMockServer WEBHOOK = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    public static final Path INBOX = Path.of("target/test-files", "inbox-" + UUID.randomUUID()).toAbsolutePath();

    static {
        MAIL.start();
        WEBHOOK.start();
        WEBHOOK.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
    }

    @DynamicPropertySource
    static void receivers(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
        registry.add("relationships.quality.alerts.email-to", () -> STEWARDS);
        registry.add("relationships.quality.alerts.webhook-url", () -> WEBHOOK.baseUrl() + "/hook");
        registry.add("relationships.load.inbox.folders.holdings", () -> INBOX.resolve("holdings").toString());
        registry.add("relationships.load.inbox.folders.sectors", () -> INBOX.resolve("sectors").toString());
        registry.add("relationships.load.inbox.poll-interval", () -> "1s");
        registry.add("relationships.load.inbox.settle", () -> "0s");
    }

    /** Forgets the mail and webhook calls received so far. */
    public static void forgetReceived() {
        try {
            MAIL.purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
        WEBHOOK.resetRequests();
    }

    /** The first mail received (since the last purge) whose subject contains {@code subject}, waiting for it. */
    public static MimeMessage awaitMail(String subject) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> mails(subject).stream().findFirst().orElse(null), m -> m != null);
    }

    public static List<MimeMessage> mails(String subject) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> subject(m).contains(subject)).toList();
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text as sent (decoded: quoted-printable soft line breaks and all). */
    public static String body(MimeMessage message) {
        try {
            return message.getContent().toString().replace("\r\n", "\n");
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
