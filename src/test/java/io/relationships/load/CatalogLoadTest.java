package io.relationships.load;

import java.nio.file.Path;

import io.relationships.IntegrationTest;
import io.relationships.catalog.CatalogQueries;
import io.relationships.support.CatalogFingerprint;
import io.relationships.support.RestoresSampleData;
import io.relationships.support.TestFiles;
import io.relationships.support.TestLoads;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the load tests share: loads run to the end against the sample catalog (put back after each test), files
 * written for the test, and the catalog's fingerprint to show that a refused run changed nothing.
 */
@IntegrationTest
@RestoresSampleData
abstract class CatalogLoadTest {

    @Autowired
    LoadService loads;
    @Autowired
    LoadRunStore runs;
    @Autowired
    CatalogQueries catalog;
    @Autowired
    JdbcClient jdbc;

    final TestFiles files = TestFiles.create();

    LoadRunRecord load(RunKind kind, LoadMode mode, Path directory) {
        return TestLoads.directory(loads, kind, mode, directory);
    }

    LoadRunRecord loadFiles(RunKind kind, Path... paths) {
        return TestLoads.files(loads, kind, paths);
    }

    String fingerprint() {
        return CatalogFingerprint.of(jdbc);
    }
}
