package dev.microposts.moderation.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.web.ApiLimits;
import dev.microposts.web.ApiProblem;
import dev.microposts.web.Page;
import dev.microposts.web.PageRequest;
import dev.microposts.web.PagedResponses;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The moderators' API (admins only, as everything under {@code /api/v1/admin}): reports, removing posts,
 * suspensions and the audit log.
 */
@RestController
@RequestMapping("/api/v1/admin")
class ModerationController {

    private final Moderation moderation;
    private final ModerationLog log;
    private final Reports reports;
    private final ApiLimits limits;

    ModerationController(Moderation moderation, ModerationLog log, Reports reports, ApiLimits limits) {
        this.moderation = moderation;
        this.log = log;
        this.reports = reports;
        this.limits = limits;
    }

    /** Suspends the account; answers 204 whether or not it was suspended already (then nothing is logged). */
    @PutMapping("/users/{username}/suspension")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void suspend(@AuthenticationPrincipal UserRef me, @PathVariable String username, @RequestBody Reason body) {
        moderation.suspend(me, username, body.reason(), body.report());
    }

    /** Lifts the account's suspension; answers 204 whether or not it was suspended. */
    @DeleteMapping("/users/{username}/suspension")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unsuspend(
            @AuthenticationPrincipal UserRef me,
            @PathVariable String username,
            @RequestBody(required = false) Reason body) {
        moderation.unsuspend(me, username, body == null ? null : body.reason());
    }

    /** Removes a post, whoever wrote it; its open reports are resolved. */
    @PostMapping("/posts/{id}/removal")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removePost(@AuthenticationPrincipal UserRef me, @PathVariable long id, @RequestBody Reason body) {
        moderation.removePost(me, id, body.reason(), body.report());
    }

    /** Closes a report with nothing done; 204, also when it was closed already (then nothing is logged). */
    @PostMapping("/reports/{id}/dismiss")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void dismiss(@AuthenticationPrincipal UserRef me, @PathVariable long id, @RequestBody Reason body) {
        moderation.dismiss(me, id, body.reason());
    }

    /** Reports, the newest first: {@code state=open} (the default) or {@code resolved}. */
    @GetMapping("/reports")
    ResponseEntity<List<ReportView>> reports(
            @RequestParam(defaultValue = "open") String state,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        PageRequest page = PageRequest.of(cursor, limit, limits);
        List<Reports.Report> rows =
                switch (state) {
                    case "open" -> reports.open(page.cursor(), page.limit());
                    case "resolved" -> reports.resolved(page.cursor(), page.limit());
                    default -> throw ApiProblem.invalid("state", "must be open or resolved");
                };
        return PagedResponses.of(Page.of(rows, page.limit(), Reports.Report::id).map(ReportView::of));
    }

    /** The audit log, the newest action first. */
    @GetMapping("/moderation-log")
    ResponseEntity<List<LoggedAction>> log(
            @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        PageRequest page = PageRequest.of(cursor, limit, limits);
        return PagedResponses.of(Page.of(log.page(page.cursor(), page.limit()), page.limit(), ModerationLog.Entry::id)
                .map(LoggedAction::of));
    }

    /** Why the moderator acts (required for every action), and the report acted on, if any. */
    record Reason(String reason, Long report) {}

    /** A report as moderators read it: {@code post} is null for a report of an account. */
    record ReportView(
            long id,
            String reporter,
            String account,
            Long post,
            String reason,
            Instant createdAt,
            Instant resolvedAt,
            String resolution) {

        static ReportView of(Reports.Report report) {
            return new ReportView(
                    report.id(),
                    report.reporter(),
                    report.target(),
                    report.postId(),
                    report.reason(),
                    report.createdAt(),
                    report.resolvedAt(),
                    report.resolution());
        }
    }

    /** One row of the audit log. */
    record LoggedAction(
            long id,
            String moderator,
            String action,
            String target,
            Long post,
            Long report,
            String reason,
            Instant createdAt) {

        static LoggedAction of(ModerationLog.Entry entry) {
            return new LoggedAction(
                    entry.id(),
                    entry.moderator(),
                    entry.action().code(),
                    entry.target(),
                    entry.postId(),
                    entry.reportId(),
                    entry.reason(),
                    entry.createdAt());
        }
    }
}
