package io.relationships.load;

import java.util.List;

/**
 * Which runs a rollback of a run undoes — the run itself, or the steps of a {@code loadAll} that applied — or why it
 * cannot be rolled back (still running, changed nothing, already rolled back, itself a rollback).
 */
final class RollbackTargets {

    private RollbackTargets() {
    }

    static List<Long> of(LoadRunRecord target, LoadRunStore runs) {
        boolean partlyApplied = target.kind() == RunKind.ALL && target.status() == RunStatus.FAILED
                && runs.children(target.id()).stream().anyMatch(c -> c.status() == RunStatus.SUCCEEDED && !c.dryRun());
        String refusal = switch (target.status()) {
            case RUNNING -> "it is still running";
            case FAILED -> partlyApplied ? null : "it failed, so it changed nothing";
            case ROLLED_BACK -> "it was already rolled back (by run " + target.rolledBackBy() + ")";
            case SKIPPED -> "it was skipped (nothing to read), so it changed nothing";
            case SUCCEEDED -> null;
        };
        if (refusal == null && target.dryRun()) {
            refusal = "it was a dry run and changed nothing";
        }
        if (refusal == null && target.kind() == RunKind.ROLLBACK) {
            refusal = "it is itself a rollback; load the files again instead";
        }
        if (refusal != null) {
            throw new LoadException(LoadException.Code.CONFLICT, "Run " + target.id() + " cannot be rolled back: " + refusal);
        }
        if (target.kind() == RunKind.ALL) {
            return runs.children(target.id()).stream().filter(c -> c.status() == RunStatus.SUCCEEDED).map(LoadRunRecord::id).toList();
        }
        return List.of(target.id());
    }
}
