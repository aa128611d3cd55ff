package io.relationships;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Keeps the dependency direction of DESIGN.md: api → services → catalog; nothing depends on api, admin or cli;
 * catalog and embedded depend on nothing of ours. Each package's {@code package-info.java} names what it may use.
 */
class ModuleBoundariesTest {

    @Test
    void modulesOnlyUseWhatTheyAreAllowedTo() {
        ApplicationModules.of(RelationshipServiceApplication.class).verify();
    }
}
