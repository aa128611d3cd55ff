package io.relationships;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.relationships.support.SampleCatalog;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole service on the real embedded PostgreSQL and Neo4j, over HTTP on a random port. Every test class
 * with exactly this annotation shares one application context (starting it costs ≈10 s).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureHttpGraphQlTester
@ActiveProfiles("test")
@WithMockUser(username = "test", roles = "ADMIN") // for the services the tests call directly; HTTP requests bring their own key
@Import(SampleCatalog.class)
public @interface IntegrationTest {

    /** The bootstrap key of the test profile (role ADMIN). */
    String ADMIN_KEY = "test-admin-key";
}
