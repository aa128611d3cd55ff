package io.relationships.catalog;

/** A group by its natural key. */
public record GroupRef(GroupType type, String key) {

    @Override
    public String toString() {
        return type + ":" + key;
    }
}
