package io.relationships.quality;

import java.time.OffsetDateTime;
import java.util.Map;

/** A recorded evaluation: when, why (schedule, load, sync), the overall status and its figures. */
public record QualitySnapshot(long id, OffsetDateTime takenAt, String trigger, QualityCheck.Status status, Map<String, Object> metrics) {

    public double number(String name) {
        Object value = metrics.get(name);
        return value instanceof Number number ? number.doubleValue() : Double.NaN;
    }
}
