package dev.microposts.ops.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a schema older than the build as the reason and the command that fixes it, without a stack trace. */
class SchemaFailureAnalyzer extends AbstractFailureAnalyzer<SchemaLines.SchemaBehind> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SchemaLines.SchemaBehind cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Apply the expand migrations with `java -jar microposts.jar migrate --expand` against the same"
                        + " DATABASE_URL, then start this release again.",
                cause);
    }

    /** The migrate command's own refusal: what it would have printed, and nothing else. */
    static class MigrateRefusedAnalyzer extends AbstractFailureAnalyzer<SchemaMigration.Refused> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, SchemaMigration.Refused cause) {
            return new FailureAnalysis(cause.getMessage(), SchemaMigration.USAGE, cause);
        }
    }
}
