package dev.microposts.moderation.internal;

import dev.microposts.accounts.Suspensions;
import dev.microposts.accounts.UserRef;
import dev.microposts.accounts.Users;
import dev.microposts.bus.DomainEvent;
import dev.microposts.moderation.ModerationActionTaken;
import dev.microposts.moderation.ReportFiled;
import dev.microposts.posts.Posts;
import dev.microposts.posts.VisiblePost;
import dev.microposts.refusals.InvalidInput;
import dev.microposts.refusals.NotAllowed;
import dev.microposts.refusals.NotFound;
import dev.microposts.web.UserText;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The moderators' use cases. Each action, its row in the audit log and its event commit together: the log never
 * tells of an action that did not happen, nor misses one that did.
 */
@Service
class Moderation {

    static final int MAX_REASON = 500;

    private final Users users;
    private final Suspensions suspensions;
    private final Posts posts;
    private final Reports reports;
    private final ModerationLog log;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Moderation(
            Users users,
            Suspensions suspensions,
            Posts posts,
            Reports reports,
            ModerationLog log,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            Clock clock) {
        this.users = users;
        this.suspensions = suspensions;
        this.posts = posts;
        this.reports = reports;
        this.log = log;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Suspends the account named; false, and nothing logged, when it is suspended already. A moderator cannot
     * suspend themselves: they would lose the very session that could undo it.
     */
    boolean suspend(UserRef moderator, String username, String reason, Long reportId) {
        String why = reason(reason);
        UserRef target = users.requireByUsername(username);
        if (target.id() == moderator.id()) {
            throw new NotAllowed("You cannot suspend your own account");
        }
        return Boolean.TRUE.equals(transactions.execute(status -> {
            if (!suspensions.suspend(target)) {
                return false;
            }
            reports.resolveTarget(target.id(), Action.SUSPEND, moderator.id());
            record(moderator, Action.SUSPEND, target, null, reportId, why);
            return true;
        }));
    }

    /** Lifts the suspension of the account named; false, and nothing logged, when it is not suspended. */
    boolean unsuspend(UserRef moderator, String username, String reason) {
        String why = reason(reason);
        UserRef target = users.requireByUsername(username);
        return Boolean.TRUE.equals(transactions.execute(status -> {
            if (!suspensions.unsuspend(target)) {
                return false;
            }
            record(moderator, Action.UNSUSPEND, target, null, null, why);
            return true;
        }));
    }

    /**
     * A member reports a post (by id) or an account (by username), not both, and not their own. A post must be one
     * the member can see; an account one that is not suspended. {@code admission} runs once the report is known to
     * be sound, before the transaction: a member correcting a typo does not use up their reports, and a limit that
     * takes its own connection holds none of ours meanwhile.
     */
    long file(UserRef reporter, Long postId, String account, String reason, Runnable admission) {
        String why = reason(reason);
        if ((postId == null) == (account == null || account.isBlank())) {
            throw InvalidInput.of("post", "name either a post or an account to report");
        }
        UserRef target;
        if (postId != null) {
            List<VisiblePost> found = posts.byIds(List.of(postId), Optional.of(reporter));
            if (found.isEmpty()) {
                throw new NotFound("There is no post " + postId);
            }
            target = users.requireByUsername(found.get(0).user());
        } else {
            target = users.requireByUsername(account.strip());
            if (suspensions.isSuspended(target.id())) {
                throw new dev.microposts.accounts.UserNotFound(account.strip());
            }
        }
        if (target.id() == reporter.id()) {
            throw InvalidInput.of(
                    postId != null ? "post" : "account", postId != null ? "is your own post" : "is your own account");
        }
        admission.run();
        return transactions.execute(status -> {
            long id = reports.insert(reporter.id(), target.id(), postId, why);
            events.publishEvent(new ReportFiled(
                    DomainEvent.newId(),
                    clock.instant(),
                    id,
                    reporter.id(),
                    target.id(),
                    target.username(),
                    postId,
                    why));
            return id;
        });
    }

    /** Closes a report with nothing done about it; false when it was closed already. */
    boolean dismiss(UserRef moderator, long reportId, String reason) {
        String why = reason(reason);
        Reports.Report report = reports.byId(reportId).orElseThrow(() -> noReport(reportId));
        return Boolean.TRUE.equals(transactions.execute(status -> {
            if (!reports.resolve(reportId, Action.DISMISS, moderator.id())) {
                return false;
            }
            record(
                    moderator,
                    Action.DISMISS,
                    new UserRef(report.targetId(), report.target()),
                    report.postId(),
                    reportId,
                    why);
            return true;
        }));
    }

    /**
     * Removes a post, whoever wrote it, through the posts module, so every cascade of a deletion runs; its open
     * reports are resolved (and go with it).
     */
    void removePost(UserRef moderator, long postId, String reason, Long reportId) {
        String why = reason(reason);
        transactions.executeWithoutResult(status -> {
            reports.resolvePost(postId, Action.REMOVE_POST, moderator.id());
            long authorId =
                    posts.removeByModerator(postId).orElseThrow(() -> new NotFound("There is no post " + postId));
            UserRef author = users.byIds(List.of(authorId)).get(authorId);
            record(moderator, Action.REMOVE_POST, author, postId, reportId, why);
        });
    }

    static NotFound noReport(long id) {
        return new NotFound("There is no report " + id);
    }

    /** Writes the action to the audit log and publishes it, in the caller's transaction. */
    private void record(UserRef moderator, Action action, UserRef target, Long postId, Long reportId, String reason) {
        ModerationLog.Entry entry = log.insert(
                moderator.id(),
                moderator.username(),
                action,
                target == null ? null : target.id(),
                target == null ? null : target.username(),
                postId,
                reportId,
                reason);
        events.publishEvent(new ModerationActionTaken(
                DomainEvent.newId(),
                clock.instant(),
                entry.id(),
                action.code(),
                moderator.id(),
                moderator.username(),
                target == null ? null : target.id(),
                target == null ? null : target.username(),
                postId,
                reportId,
                reason));
    }

    /** Every action says why: the reason is required, and bounded like other text members write. */
    static String reason(String reason) {
        String stripped = reason == null ? "" : reason.strip();
        UserText.problemWith(stripped, MAX_REASON, false).ifPresent(problem -> {
            throw InvalidInput.of("reason", problem);
        });
        return stripped;
    }
}
