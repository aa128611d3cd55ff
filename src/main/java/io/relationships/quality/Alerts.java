package io.relationships.quality;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alerts when a figure gets worse: the unknown-sector count rises, integrity drops below 100%, a check turns
 * FAIL, data goes stale. A standing problem alerts once (table {@code quality_alerts}: open while it stands), and
 * is closed when it ends. Delivered to a Slack-compatible webhook and/or by e-mail, as configured; other news for the
 * same people (what an inbox load came to) goes the same way through {@link #announce}.
 */
@Component
class Alerts {

    private static final Logger log = LoggerFactory.getLogger(Alerts.class);

    private final JdbcClient jdbc;
    private final QualityProperties properties;
    private final ObjectProvider<JavaMailSender> mail;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    Alerts(JdbcClient jdbc, QualityProperties properties, ObjectProvider<JavaMailSender> mail) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.mail = mail;
    }

    /** The problems a snapshot shows, compared with the one before it. */
    static List<QualityAlert> problems(QualitySnapshot current, Optional<QualitySnapshot> previous) {
        List<QualityAlert> alerts = new ArrayList<>();
        Map<String, Object> now = current.metrics();
        @SuppressWarnings("unchecked")
        Map<String, String> checks = (Map<String, String>) now.getOrDefault("checks", Map.of());
        checks.forEach((name, status) -> {
            if (status.equals("FAIL")) {
                alerts.add(new QualityAlert("check:" + name, "quality check " + name + " FAILS"));
            }
        });
        if ("WARN".equals(checks.get("etf_freshness")) || "FAIL".equals(checks.get("etf_freshness"))) {
            alerts.add(new QualityAlert("stale", "ETF holdings are stale (as-of older than the threshold)"));
        }
        Number integrity = (Number) now.get("integrity");
        if (integrity != null && integrity.doubleValue() < 1.0) {
            alerts.add(new QualityAlert("integrity", String.format("PostgreSQL/Neo4j integrity is %.2f%%", integrity.doubleValue() * 100)));
        }
        previous.ifPresent(before -> {
            long unknownBefore = ((Number) before.metrics().getOrDefault("unknownSector", 0)).longValue();
            long unknownNow = ((Number) now.getOrDefault("unknownSector", 0)).longValue();
            if (unknownNow > unknownBefore) {
                alerts.add(new QualityAlert("unknown-sector-rose:" + unknownNow, "stocks without a sector rose from " + unknownBefore + " to " + unknownNow));
            }
        });
        return alerts;
    }

    /** Opens alerts for new problems (and sends them), closes those that are gone; returns what was sent. */
    List<QualityAlert> raise(QualitySnapshot current, Optional<QualitySnapshot> previous) {
        List<QualityAlert> problems = problems(current, previous);
        List<QualityAlert> sent = new ArrayList<>();
        for (QualityAlert alert : problems) {
            int updated = jdbc.sql("update quality_alerts set last_seen = now() where key = ? and resolved_at is null").param(alert.key()).update();
            if (updated == 0) {
                jdbc.sql("insert into quality_alerts (key, message) values (?, ?)").params(alert.key(), alert.message()).update();
                boolean delivered = deliver(alert);
                jdbc.sql("update quality_alerts set delivered = ? where key = ? and resolved_at is null").params(delivered, alert.key()).update();
                sent.add(alert);
            }
        }
        List<String> standing = problems.stream().map(QualityAlert::key).toList();
        jdbc.sql("update quality_alerts set resolved_at = now() where resolved_at is null and not (key = any(?))")
                .param(standing.toArray(String[]::new)).update();
        return sent;
    }

    private boolean deliver(QualityAlert alert) {
        boolean delivered = announce("Relationship data: " + alert.message(), ":warning: relationship data: " + alert.message());
        log.warn("Quality alert: {}", alert.message());
        return delivered;
    }

    /**
     * Sends a message to the webhook ({@code {"text": …}}) and by mail, as configured; whether any of them took it.
     * Not remembered: every call is sent (what a standing problem needs is {@link #raise}).
     */
    boolean announce(String subject, String text) {
        boolean delivered = false;
        if (properties.alerts().webhookUrl() != null && !properties.alerts().webhookUrl().isBlank()) {
            try {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("text", text);
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(properties.alerts().webhookUrl()))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
                delivered = response.statusCode() / 100 == 2;
                if (!delivered) {
                    log.warn("Alert webhook answered HTTP {}: {}", response.statusCode(), response.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("Interrupted while posting to the alert webhook");
            } catch (Exception e) {
                log.warn("Could not post the alert to the webhook: {}", e.getMessage());
            }
        }
        JavaMailSender sender = mail.getIfAvailable();
        if (sender != null && !properties.alerts().emailTo().isEmpty()) {
            try {
                SimpleMailMessage message = new SimpleMailMessage();
                message.setFrom(properties.alerts().emailFrom());
                message.setTo(properties.alerts().emailTo().toArray(String[]::new));
                message.setSubject(subject);
                message.setText(text);
                sender.send(message);
                delivered = true;
            } catch (RuntimeException e) {
                log.warn("Could not e-mail the alert: {}", e.getMessage());
            }
        }
        return delivered;
    }
}
