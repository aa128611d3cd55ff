package io.relationships.catalog;

public enum RunStatus {
    RUNNING, SUCCEEDED, FAILED, ROLLED_BACK
}
