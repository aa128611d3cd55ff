package io.relationships.quality;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        return jdbc.sql("""
                        select id, taken_at, trigger, status, metrics::text from quality_snapshots
                        where (?::timestamptz is null or taken_at >= ?) order by taken_at desc, id desc limit ?""")
                .params(since, since, limit)
                .query((rs, n) -> new QualitySnapshot(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                        QualityCheck.Status.valueOf(rs.getString(4)), json.readValue(rs.getString(5), new TypeReference<Map<String, Object>>() {
                        })))
                .list();
    }
}
