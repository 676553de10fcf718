package dev.microposts.moderation.internal;

import dev.microposts.accounts.Suspensions;
import dev.microposts.accounts.UserRef;
import dev.microposts.refusals.InvalidInput;
import dev.microposts.refusals.Refusal;
import dev.microposts.web.Cursor;
import dev.microposts.web.FormErrors;
import dev.microposts.web.MemberLimits;
import dev.microposts.web.PageController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages of moderation, without scripts: a member's report form, and the moderators' page beside the operations
 * dashboard (admins only, as everything under {@code /admin}) with the open reports, the suspended accounts and the
 * audit log, and a form with a reason for every action.
 */
@PageController
class ModerationPages {

    private static final int SHOWN = 50;

    private final Moderation moderation;
    private final Reports reports;
    private final ModerationLog log;
    private final Suspensions suspensions;
    private final MemberLimits memberLimits;

    ModerationPages(
            Moderation moderation,
            Reports reports,
            ModerationLog log,
            Suspensions suspensions,
            MemberLimits memberLimits) {
        this.memberLimits = memberLimits;
        this.moderation = moderation;
        this.reports = reports;
        this.log = log;
        this.suspensions = suspensions;
    }

    /** The form to report a post ({@code ?post=id&author=username}) or an account ({@code ?account=username}). */
    @GetMapping("/reports/new")
    String reportForm(
            @RequestParam(required = false) Long post,
            @RequestParam(required = false) String author,
            @RequestParam(required = false) String account,
            Model model) {
        model.addAttribute("post", post);
        model.addAttribute("author", author);
        model.addAttribute("account", account);
        model.addAttribute("maxReason", Moderation.MAX_REASON);
        return "moderation/report";
    }

    @PostMapping("/reports")
    String report(
            @AuthenticationPrincipal UserRef me,
            @RequestParam(required = false) Long post,
            @RequestParam(required = false) String author,
            @RequestParam(required = false) String account,
            @RequestParam(required = false) String reason,
            Model model) {
        try {
            moderation.file(
                    me,
                    post,
                    post == null ? account : null,
                    reason,
                    () -> memberLimits.admit(MemberLimits.Action.REPORT, me.id()));
        } catch (Refusal refusal) {
            if (refusal.reason() != Refusal.Reason.INVALID && refusal.reason() != Refusal.Reason.LIMIT_REACHED) {
                throw refusal; // why: nothing to correct on the form; the friendly error page says what is wrong
            }
            // why: the member's words stay in the box, with what to do about them or when to try again
            model.addAttribute("errors", FormErrors.of(refusal));
            model.addAttribute("reason", reason);
            return reportForm(post, author, account, model);
        }
        return "moderation/reported";
    }

    @GetMapping("/admin/moderation")
    String moderation(Model model) {
        model.addAttribute("reports", reports.open(Cursor.START, SHOWN));
        model.addAttribute("suspended", suspensions.suspended(SHOWN));
        model.addAttribute("log", log.page(Cursor.START, SHOWN));
        model.addAttribute("maxReason", Moderation.MAX_REASON);
        return "admin/moderation";
    }

    @PostMapping("/admin/moderation/reports/{id}/dismiss")
    String dismiss(
            @AuthenticationPrincipal UserRef me,
            @PathVariable long id,
            @RequestParam(required = false) String reason,
            RedirectAttributes redirect) {
        return done(redirect, () -> moderation.dismiss(me, id, reason), "The report is dismissed.");
    }

    @PostMapping("/admin/moderation/posts/{id}/removal")
    String removePost(
            @AuthenticationPrincipal UserRef me,
            @PathVariable long id,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) Long report,
            RedirectAttributes redirect) {
        return done(redirect, () -> moderation.removePost(me, id, reason, report), "The post is removed.");
    }

    @PostMapping("/admin/moderation/users/{username}/suspension")
    String suspend(
            @AuthenticationPrincipal UserRef me,
            @PathVariable String username,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) Long report,
            RedirectAttributes redirect) {
        return done(
                redirect, () -> moderation.suspend(me, username, reason, report), "@" + username + " is suspended.");
    }

    @PostMapping("/admin/moderation/users/{username}/unsuspension")
    String unsuspend(
            @AuthenticationPrincipal UserRef me,
            @PathVariable String username,
            @RequestParam(required = false) String reason,
            RedirectAttributes redirect) {
        return done(
                redirect,
                () -> moderation.unsuspend(me, username, reason),
                "@" + username + " is no longer suspended.");
    }

    /**
     * Back to the moderation page, saying what happened; a missing reason is said there too, where the moderator
     * can give one (the form asks for it anyway). Other refusals reach the friendly error pages.
     */
    private static String done(RedirectAttributes redirect, Runnable action, String notice) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", notice);
        } catch (InvalidInput refusal) {
            redirect.addFlashAttribute("error", "Nothing was done: " + refusal.getMessage());
        }
        return "redirect:/admin/moderation";
    }
}
