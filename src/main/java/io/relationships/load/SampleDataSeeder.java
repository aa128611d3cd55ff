package io.relationships.load;

import java.nio.file.Files;

import io.relationships.catalog.CatalogQueries;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.RunKind;
import io.relationships.load.RunStatus;
import io.relationships.load.Trigger;
import io.relationships.support.Privileged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On the first start against an empty catalog, loads the data directory with the real loaders, so that a
 * newcomer can query in GraphiQL at once ({@code relationships.load.seed-on-empty}, on by default).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class SampleDataSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SampleDataSeeder.class);

    private final LoadService loads;
    private final CatalogQueries catalog;
    private final LoadProperties properties;
    private final DataDirectory dataDirectory;

    SampleDataSeeder(LoadService loads, CatalogQueries catalog, LoadProperties properties, DataDirectory dataDirectory) {
        this.loads = loads;
        this.catalog = catalog;
        this.properties = properties;
        this.dataDirectory = dataDirectory;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.seedOnEmpty() || !catalog.isEmpty()) {
            return;
        }
        if (!Files.isDirectory(dataDirectory.root())) {
            log.info("The catalog is empty and there is no data directory at {}; nothing to seed", dataDirectory.root());
            return;
        }
        log.info("The catalog is empty: loading {}", dataDirectory.root());
        LoadRunRecord run = Privileged.runAs("startup",
                () -> loads.run(LoadRequest.of(RunKind.ALL, LoadMode.FULL, Trigger.STARTUP, "startup")));
        if (run.status() == RunStatus.SUCCEEDED) {
            log.info("Loaded the data directory (run {}): {} memberships", run.id(), run.counts().added());
        } else {
            log.warn("Loading the data directory failed (run {}): {}", run.id(), run.error());
        }
    }
}
