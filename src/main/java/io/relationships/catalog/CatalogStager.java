package io.relationships.catalog;

import java.util.Collection;

/** Receives what a run's files say, before the catalog decides what changes. */
public interface CatalogStager {

    /** Stages a group with its complete membership; a group may be staged once per run. */
    void group(StagedGroup group, Collection<StagedMembership> members);

    void security(StagedSecurity security);

    /** The group goes, with its memberships (a sector whose last member left). */
    void remove(GroupRef group);
}
