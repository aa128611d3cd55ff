package io.relationships.embedded;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Shows {@link EmbeddedInProductionException} as Boot's "APPLICATION FAILED TO START" report: why, and what to do. */
class EmbeddedInProductionFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedInProductionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedInProductionException cause) {
        return new FailureAnalysis(EmbeddedInProductionException.REASON, EmbeddedInProductionException.ACTION, cause);
    }
}
