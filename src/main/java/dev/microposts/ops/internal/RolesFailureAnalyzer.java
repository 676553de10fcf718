package dev.microposts.ops.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports roles that cannot work as the reason and the fix, without a stack trace: the setting is the problem. */
class RolesFailureAnalyzer extends AbstractFailureAnalyzer<RolesCheck.RolesRefused> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RolesCheck.RolesRefused cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Set MICROPOSTS_ROLES to all (the default), web, worker or web,worker; split roles need an external"
                        + " PostgreSQL (DATABASE_URL) and broker (BROKER_URL).",
                cause);
    }
}
