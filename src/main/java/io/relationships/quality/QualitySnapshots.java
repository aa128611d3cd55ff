package io.relationships.quality;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.relationships.support.IdWindow;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The quality history (table {@code quality_snapshots}, the quality capability's own). */
@Repository
class QualitySnapshots {

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    QualitySnapshots(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    QualitySnapshot record(String trigger, DataQuality quality) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("universeMembers", quality.coverage().total());
        metrics.put("unknownSector", quality.coverage().unknown());
        metrics.put("unknownShare", quality.unknownShare());
        metrics.put("integrity", quality.integrity());
        metrics.put("driftGroups", quality.drift() == null ? null : quality.drift().differing().size());
        Map<String, String> statuses = new LinkedHashMap<>();
        Map<String, Double> values = new LinkedHashMap<>();
        quality.checks().forEach(c -> {
            statuses.put(c.name(), c.status().name());
            values.put(c.name(), c.value());
        });
        metrics.put("checks", statuses);
        metrics.put("values", values);
        metrics.put("bySector", quality.coverage().bySector());
        long id = jdbc.sql("insert into quality_snapshots (trigger, status, metrics) values (?, ?, ?::jsonb) returning id")
                .params(trigger, quality.status().name(), json.writeValueAsString(metrics)).query(Long.class).single();
        return new QualitySnapshot(id, quality.generatedAt(), trigger, quality.status(), metrics);
    }

    List<QualitySnapshot> since(OffsetDateTime since, int limit) {
        return since(since, new IdWindow(null, null, limit, false));
    }

    /** A page of the snapshots taken at or after {@code since} (all when null), newest first (ids grow with time). */
    List<QualitySnapshot> since(OffsetDateTime since, IdWindow window) {
        return window.inListOrder(window.bind(jdbc.sql("""
                        select id, taken_at, trigger, status, metrics::text from quality_snapshots
                        where (cast(:since as timestamptz) is null or taken_at >= :since)""" + window.sql("id", true)))
                .param("since", since)
                .query((rs, n) -> new QualitySnapshot(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                        QualityCheck.Status.valueOf(rs.getString(4)), json.readValue(rs.getString(5), new TypeReference<Map<String, Object>>() {
                        })))
                .list());
    }

    int count(OffsetDateTime since) {
        return jdbc.sql("select count(*) from quality_snapshots where cast(? as timestamptz) is null or taken_at >= ?")
                .params(since, since).query(Integer.class).single();
    }
}
