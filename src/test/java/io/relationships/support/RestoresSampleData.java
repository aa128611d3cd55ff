package io.relationships.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.Objects;

import io.relationships.graph.GraphSync;
import io.relationships.load.LoadException;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRequest;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.LoadService;
import io.relationships.load.RunKind;
import io.relationships.load.RunStatus;
import io.relationships.load.Trigger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After each test, the shared context's catalog is the sample data again (a full load of the data directory, once
 * any load still running has finished) and the graph reflects it: tests that change the catalog leave nothing behind
 * for the next class sharing the context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(RestoresSampleData.Extension.class)
public @interface RestoresSampleData {

    final class Extension implements AfterEachCallback {

        @Override
        public void afterEach(ExtensionContext context) {
            ApplicationContext application = SpringExtension.getApplicationContext(context);
            LoadService loads = application.getBean(LoadService.class);
            LoadRunRecord restored = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInSameThread().ignoreException(LoadException.class)
                    .until(() -> loads.run(LoadRequest.of(RunKind.ALL, LoadMode.FULL, Trigger.CLI, "test")), Objects::nonNull);
            assertThat(restored.status()).as("restoring the sample data: %s", restored.error()).isEqualTo(RunStatus.SUCCEEDED);
            application.getBean(GraphSync.class).syncNow(false, "test");
        }
    }
}
