package io.relationships.catalog;

import java.util.List;

/** What a run changed in one group: symbols added, removed, re-weighted, and whether the group itself came or went. */
public record GroupDiff(GroupRef group, String groupChange, List<String> added, List<String> removed,
                        List<MembershipChange> reweighted, int otherChanges) {
}
