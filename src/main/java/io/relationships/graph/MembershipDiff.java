package io.relationships.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.relationships.catalog.GroupRef;
import io.relationships.catalog.GroupSnapshot;

/**
 * What one projection transaction must write to turn the memberships the graph holds for its groups into the
 * snapshots': relationships to create (by group), to delete, whose properties to replace, and members whose name
 * changed. A group projected again unchanged costs a read and no write; a rebuild of a graph that is in step with
 * the catalog writes next to nothing.
 */
final class MembershipDiff {

    /** A membership the graph holds: the relationship's internal id, the member's symbol and name, the properties. */
    record Current(String rel, String symbol, String name, Map<String, Object> props) {
    }

    private final Map<GroupRef, List<Map<String, Object>>> creates = new LinkedHashMap<>();
    private final Map<String, String> renames = new LinkedHashMap<>();
    private final List<String> deletes = new ArrayList<>();
    private final List<Map<String, Object>> updates = new ArrayList<>();
    private final Set<String> released = new LinkedHashSet<>();
    private final Set<String> touched = new HashSet<>();
    private final Set<String> changedSymbols = new HashSet<>();
    private final Set<GroupRef> changedGroups = new HashSet<>();

    /** Adds one group: its snapshot against what the graph holds for it ({@code current}, in any order). */
    void group(GroupShape shape, GroupSnapshot snapshot, List<Current> current) {
        Map<String, Current> held = new HashMap<>(current.size() * 2);
        for (Current membership : current) {
            if (held.putIfAbsent(membership.symbol(), membership) != null) {
                deletes.add(membership.rel()); // a second relationship to the same member: never written, but not kept
                changed(snapshot.group().ref(), membership.symbol());
            }
        }
        for (GroupSnapshot.Member member : snapshot.members()) {
            Map<String, Object> props = shape.properties(member.weight(), member.metadata());
            Current was = held.remove(member.symbol());
            if (was == null) {
                Map<String, Object> row = new HashMap<>(4);
                row.put("symbol", member.symbol());
                row.put("name", member.name());
                row.put("props", props);
                creates.computeIfAbsent(snapshot.group().ref(), g -> new ArrayList<>()).add(row);
                changed(snapshot.group().ref(), member.symbol());
            } else {
                if (!props.equals(was.props())) {
                    updates.add(Map.of("id", was.rel(), "props", props));
                    changed(snapshot.group().ref(), member.symbol());
                }
                if (member.name() != null && !member.name().equals(was.name())) {
                    renames.put(member.symbol(), member.name());
                    changed(snapshot.group().ref(), member.symbol());
                }
            }
            touched.add(member.symbol());
        }
        for (Current gone : held.values()) {
            deletes.add(gone.rel());
            released.add(gone.symbol());
            touched.add(gone.symbol());
            changed(snapshot.group().ref(), gone.symbol());
        }
    }

    private void changed(GroupRef group, String symbol) {
        changedGroups.add(group);
        changedSymbols.add(symbol);
    }

    /** Rows (symbol, name, props) of the relationships to create, by group. */
    Map<GroupRef, List<Map<String, Object>>> creates() {
        return creates;
    }

    /** Members the graph holds under another name: (symbol, name) rows. */
    List<Map<String, Object>> renames() {
        return renames.entrySet().stream().map(e -> Map.<String, Object>of("symbol", e.getKey(), "name", e.getValue())).toList();
    }

    List<String> deletes() {
        return deletes;
    }

    List<Map<String, Object>> updates() {
        return updates;
    }

    /** Former members of a group that left it: candidates for removal once nothing refers to them. */
    List<String> released() {
        return List.copyOf(released);
    }

    /** Every symbol that was or is a member of the groups: their answers may have changed. */
    Set<String> touched() {
        return touched;
    }

    /** The groups whose memberships this diff writes (created, deleted, updated or renamed members). */
    Set<GroupRef> changedGroups() {
        return changedGroups;
    }

    /** The members whose membership or name this diff writes: the answers that do change. */
    Set<String> changedSymbols() {
        return changedSymbols;
    }
}
