package io.relationships.quality;

/** A problem worth telling someone about; {@code key} identifies it while it stands (so it alerts once). */
public record QualityAlert(String key, String message) {
}
