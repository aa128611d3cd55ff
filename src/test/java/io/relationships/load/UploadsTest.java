package io.relationships.load;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import io.relationships.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Uploads live in PostgreSQL: any instance writes one out to read it, and old ones go. */
@IntegrationTest
class UploadsTest {

    @Autowired
    Uploads uploads;
    @Autowired
    LoadService loads;
    @Autowired
    JdbcClient jdbc;

    static final byte[] FILE = "# fund: UPT\n# as_of: 2025-11-20\nsymbol,weight\nNVDA,100\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void anUploadWhoseLocalCopyIsGoneIsWrittenOutFromPostgresAndLoads() throws Exception {
        Uploads.Upload upload = uploads.store("UPT.csv", new ByteArrayInputStream(FILE));
        // as on an instance that did not receive the upload: no local copy
        Files.delete(upload.path());
        Files.delete(upload.path().getParent());

        LoadRunRecord run = loads.run(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.DRY_RUN, Trigger.CLI, "test")
                .withFiles(List.of(LoadRequest.FileSpec.upload(upload.id(), null))));

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.counts().added()).isEqualTo(1);
        assertThat(Files.readAllBytes(uploads.materialize(upload.id()))).isEqualTo(FILE);
    }

    @Test
    void uploadsPastTheirRetentionAreRemovedAndAnUnknownIdIsNotFound() {
        jdbc.sql("insert into uploads (id, file_name, content, bytes, created_at) values ('20200101-000000-00000000', 'OLD.csv', ?, 1, now() - interval '30 days')")
                .param(new byte[] {'x'}).update();

        uploads.store("NEW.csv", new ByteArrayInputStream(FILE));

        assertThat(jdbc.sql("select count(*) from uploads where id = '20200101-000000-00000000'").query(Long.class).single()).isZero();
        assertThatThrownBy(() -> uploads.materialize("20200101-000000-00000000")).isInstanceOfSatisfying(LoadException.class,
                e -> assertThat(e.code()).isEqualTo(LoadException.Code.NOT_FOUND));
        assertThatThrownBy(() -> uploads.materialize("../../etc")).isInstanceOfSatisfying(LoadException.class,
                e -> assertThat(e.code()).isEqualTo(LoadException.Code.BAD_REQUEST));
    }
}
