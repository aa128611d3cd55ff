package io.relationships.api;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

import io.relationships.catalog.CatalogMetrics;
import io.relationships.quality.DataQuality;
import io.relationships.quality.QualityMonitor;
import io.relationships.quality.QualityService;
import io.relationships.quality.QualitySnapshot;
import io.relationships.quality.ReportService;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/** Data quality: the checks, their history and the breakdown report (and its download). */
@Controller
class QualityController {

    record SourceCount(String source, long count) {
    }

    record SectorCount(String sector, long count) {
    }

    record Integrity(int driftGroups, long groupsChecked, double integrity, OffsetDateTime checkedAt) {
    }

    record ReportView(ReportService.Format format, String fileName, String content, String downloadUrl) {
    }

    private final QualityService quality;
    private final QualityMonitor monitor;
    private final ReportService reports;

    QualityController(QualityService quality, QualityMonitor monitor, ReportService reports) {
        this.quality = quality;
        this.monitor = monitor;
        this.reports = reports;
    }

    @QueryMapping
    DataQuality dataQuality() {
        return quality.current();
    }

    @MutationMapping
    DataQuality validateQuality() {
        monitor.snapshot("validateQuality");
        return quality.current();
    }

    @SchemaMapping(typeName = "DataQuality")
    String status(DataQuality quality) {
        return quality.status().name();
    }

    @SchemaMapping(typeName = "DataQuality")
    CatalogMetrics.Coverage sectorCoverage(DataQuality data, @Argument String universe) {
        return universe == null ? data.coverage() : quality.coverage(universe);
    }

    @SchemaMapping(typeName = "SectorCoverage")
    double unknownShare(CatalogMetrics.Coverage coverage) {
        return coverage.total() == 0 ? 0 : (double) coverage.unknown() / coverage.total();
    }

    @SchemaMapping(typeName = "SectorCoverage")
    double target(CatalogMetrics.Coverage coverage) {
        return quality.targetUnknownShare();
    }

    @SchemaMapping(typeName = "SectorCoverage")
    List<SourceCount> bySource(CatalogMetrics.Coverage coverage) {
        return coverage.bySource().entrySet().stream().map(e -> new SourceCount(e.getKey(), e.getValue())).toList();
    }

    @SchemaMapping(typeName = "SectorCoverage")
    List<SectorCount> bySector(CatalogMetrics.Coverage coverage) {
        return coverage.bySector().entrySet().stream().map(e -> new SectorCount(e.getKey(), e.getValue())).toList();
    }

    @SchemaMapping(typeName = "DataQuality")
    Integrity integrity(DataQuality data) {
        return data.drift() == null ? new Integrity(0, 0, data.integrity(), null)
                : new Integrity(data.drift().differing().size(), data.drift().groups(), data.integrity(), data.drift().checkedAt());
    }

    @QueryMapping
    List<QualitySnapshot> qualityHistory(@Argument OffsetDateTime since, @Argument Integer first) {
        return monitor.history(since, Arguments.first(first, 100, 10_000));
    }

    @SchemaMapping(typeName = "QualitySnapshot")
    Double unknownShare(QualitySnapshot snapshot) {
        double value = snapshot.number("unknownShare");
        return Double.isNaN(value) ? null : value;
    }

    @SchemaMapping(typeName = "QualitySnapshot")
    Double integrity(QualitySnapshot snapshot) {
        double value = snapshot.number("integrity");
        return Double.isNaN(value) ? null : value;
    }

    @QueryMapping
    ReportView report(@Argument Boolean detail, @Argument ReportService.Format format) {
        return view(reports.generate(Boolean.TRUE.equals(detail), format == null ? ReportService.Format.TEXT : format, false));
    }

    /** The mutation, saved or not, is an operator's action; reading the report is the {@code report} query. */
    @MutationMapping
    @PreAuthorize("hasRole('OPERATOR')")
    ReportView generateReport(@Argument Boolean detail, @Argument ReportService.Format format, @Argument Boolean save) {
        return view(reports.generate(Boolean.TRUE.equals(detail), format == null ? ReportService.Format.TEXT : format, !Boolean.FALSE.equals(save)));
    }

    private static ReportView view(ReportService.Report report) {
        return new ReportView(report.format(), report.fileName(), report.content(), report.saved() ? "/reports/" + report.fileName() : null);
    }

    @Operation(summary = "Download a saved relationship breakdown report")
    @GetMapping("/reports/{fileName}")
    @ResponseBody
    ResponseEntity<byte[]> download(@PathVariable String fileName) {
        byte[] content = reports.saved(fileName).orElse(null);
        if (content == null) {
            return ResponseEntity.notFound().build();
        }
        MediaType type = fileName.endsWith(".html") ? MediaType.TEXT_HTML : fileName.endsWith(".json") ? MediaType.APPLICATION_JSON
                : new MediaType("text", fileName.endsWith(".md") ? "markdown" : "plain", StandardCharsets.UTF_8);
        return ResponseEntity.ok().contentType(type).contentLength(content.length)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
                .body(content);
    }
}
