package io.relationships.api;

import io.relationships.IntegrationTest;
import io.relationships.support.GraphQlHttp;
import io.relationships.support.SampleCatalog;
import io.relationships.support.TestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/** What the API tests over HTTP share: the sample catalog, a GraphQL client for it, and files written for the test. */
@IntegrationTest
abstract class SampleCatalogHttpTest {

    @Autowired
    SampleCatalog catalog;

    final TestFiles files = TestFiles.create();
    GraphQlHttp http;

    @BeforeEach
    void client() {
        http = catalog.client();
    }
}
