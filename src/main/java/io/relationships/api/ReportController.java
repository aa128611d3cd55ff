package io.relationships.api;

import java.nio.charset.StandardCharsets;

import io.relationships.quality.ReportService;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/** {@code Report}: the relationship breakdown report, generated now, saved, and downloaded over HTTP once saved. */
@Controller
class ReportController {

    record ReportView(ReportService.Format format, String fileName, String content, String downloadUrl) {
    }

    private final ReportService reports;

    ReportController(ReportService reports) {
        this.reports = reports;
    }

    @QueryMapping
    ReportView report(@Argument Boolean detail, @Argument ReportService.Format format) {
        return generate(detail, format, false);
    }

    /** The mutation, saved or not, is an operator's action; reading the report is the {@code report} query. */
    @MutationMapping
    @PreAuthorize("hasRole('OPERATOR')")
    ReportView generateReport(@Argument Boolean detail, @Argument ReportService.Format format, @Argument Boolean save) {
        return generate(detail, format, !Boolean.FALSE.equals(save));
    }

    private ReportView generate(Boolean detail, ReportService.Format format, boolean save) {
        ReportService.Report report = reports.generate(Boolean.TRUE.equals(detail), format == null ? ReportService.Format.TEXT : format, save);
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
