package io.relationships.quality;

import io.relationships.load.InboxLoaded;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the people who keep the data current what a scheduled inbox load came to — loaded, rejected (with the
 * findings that say where), or nothing arrived — through the quality alerts' webhook and mail.
 */
@Component
class InboxAnnouncements {

    private final Alerts alerts;

    InboxAnnouncements(Alerts alerts) {
        this.alerts = alerts;
    }

    @EventListener
    void announce(InboxLoaded loaded) {
        alerts.announce(subject(loaded), text(loaded));
    }

    static String subject(InboxLoaded loaded) {
        String what = switch (loaded.outcome()) {
            case SUCCEEDED -> "loaded";
            case REJECTED -> "REJECTED";
            case NOTHING_TO_DO -> "nothing to do";
        };
        return "Relationship data: inbox " + loaded.folder() + " " + what + (loaded.runId() == null ? "" : " (run " + loaded.runId() + ")");
    }

    static String text(InboxLoaded loaded) {
        StringBuilder text = new StringBuilder(loaded.outcome() == InboxLoaded.Outcome.REJECTED ? ":x: " : ":inbox_tray: ")
                .append("inbox ").append(loaded.folder()).append(" (").append(loaded.inbox()).append("): ").append(loaded.summary());
        if (!loaded.files().isEmpty()) {
            text.append("\nfiles: ").append(String.join(", ", loaded.files()));
        }
        if (loaded.movedTo() != null) {
            text.append("\nmoved to ").append(loaded.movedTo()).append(" as <run id>-<file name>");
        }
        if (!loaded.findings().isEmpty()) {
            text.append("\nfindings:");
            loaded.findings().forEach(finding -> text.append("\n  ").append(finding));
        }
        if (loaded.runId() != null) {
            text.append("\nmore: relationships run ").append(loaded.runId());
        }
        return text.toString();
    }
}
