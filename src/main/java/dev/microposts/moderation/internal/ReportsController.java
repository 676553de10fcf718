package dev.microposts.moderation.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.web.ApiProblem;
import dev.microposts.web.MemberLimits;
import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Members report a post or an account to the moderators. */
@RestController
@RequestMapping("/api/v1/reports")
class ReportsController {

    private final Moderation moderation;
    private final MemberLimits memberLimits;

    ReportsController(Moderation moderation, MemberLimits memberLimits) {
        this.moderation = moderation;
        this.memberLimits = memberLimits;
    }

    /**
     * {@code {"post": <id or href>, "reason": "..."}} or {@code {"account": "<username>", "reason": "..."}}:
     * answers 201 with the report's id. Only the moderators read reports. Each member may send so many a day
     * ({@code microposts.limits.reports}); past that, 429 with {@code Retry-After}.
     */
    @PostMapping
    ResponseEntity<Map<String, Long>> file(@AuthenticationPrincipal UserRef me, @RequestBody Filing body) {
        long id = moderation.file(
                me,
                postId(body.post()),
                body.account(),
                body.reason(),
                () -> memberLimits.admit(MemberLimits.Action.REPORT, me.id()));
        return ResponseEntity.created(URI.create("/api/v1/admin/reports/" + id)).body(Map.of("id", id));
    }

    /** A post named by its id, or by its address as the API gives it (the id is its last segment). */
    static Long postId(Object post) {
        if (post == null) {
            return null;
        }
        if (post instanceof Number number) {
            return number.longValue();
        }
        String text = post.toString().strip();
        String last = text.substring(text.lastIndexOf('/') + 1);
        try {
            return Long.parseLong(last);
        } catch (NumberFormatException e) {
            throw ApiProblem.invalid("post", "must be a post's id or its address");
        }
    }

    /** What a member reports, and why. */
    record Filing(Object post, String account, String reason) {}
}
