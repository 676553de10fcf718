package dev.microposts.posts.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.refusals.Refusal;
import dev.microposts.web.FormErrors;
import dev.microposts.web.MemberLimits;
import dev.microposts.web.PageController;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The conversation buttons of every post on the pages, plain forms that work without a script: reply (from the post's
 * page), like and unlike, repost and undo. Each sends the browser back to the page it was on, at the post, so a like
 * in the middle of a timeline keeps the reader's place.
 */
@PageController
class ConversationPages {

    private static final Map<String, String> REPLY_FIELDS = Map.of("text", "Your reply", "in_reply_to", "The post");

    /** Pages of this site a button may send the browser back to: a path, never another host. */
    private static final Pattern LOCAL_PATH =
            Pattern.compile("/(?!/)[A-Za-z0-9_/.-]{0,200}(\\?[A-Za-z0-9_=&%.-]{0,300})?");

    private final PostService posts;
    private final ConversationService conversation;
    private final MemberLimits memberLimits;

    ConversationPages(PostService posts, ConversationService conversation, MemberLimits memberLimits) {
        this.posts = posts;
        this.conversation = conversation;
        this.memberLimits = memberLimits;
    }

    /** A reply goes under the post; a refused one comes back to the reply box with its text kept. */
    @PostMapping("/users/{username}/posts/{id}/replies")
    String reply(
            @AuthenticationPrincipal UserRef me,
            @PathVariable String username,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String text,
            RedirectAttributes redirect) {
        text = PostPages.asTyped(text);
        String thread = "/users/" + username + "/posts/" + id;
        try {
            Post parent = posts.get(username, id, Optional.of(me));
            // why: a reply is a post; outside its transaction, as the bucket takes a connection of its own
            memberLimits.admit(MemberLimits.Action.POST, me.id());
            posts.create(me, text, null, List.of(), parent.id());
        } catch (Refusal refusal) {
            if (refusal.reason() == Refusal.Reason.NOT_FOUND) {
                throw refusal;
            }
            redirect.addFlashAttribute("replyErrors", FormErrors.sentences(refusal, REPLY_FIELDS));
            redirect.addFlashAttribute("replyText", text);
            return "redirect:" + thread + "#reply";
        }
        redirect.addFlashAttribute("notice", "Your reply is posted.");
        return "redirect:" + thread;
    }

    @PostMapping("/users/{username}/posts/{id}/like")
    String like(
            @AuthenticationPrincipal UserRef me,
            @PathVariable String username,
            @PathVariable long id,
            @RequestHeader(name = HttpHeaders.REFERER, required = false) String referer) {
        conversation.like(me, username, id);
        return back(referer, username, id);
    }

    @PostMapping("/users/{username}/posts/{id}/unlike")
    String unlike(
            @AuthenticationPrincipal UserRef me,
            @PathVariable String username,
            @PathVariable long id,
            @RequestHeader(name = HttpHeaders.REFERER, required = false) String referer) {
        conversation.unlike(me, username, id);
        return back(referer, username, id);
    }

    @PostMapping("/users/{username}/posts/{id}/repost")
    String repost(
            @AuthenticationPrincipal UserRef me,
            @PathVariable String username,
            @PathVariable long id,
            @RequestHeader(name = HttpHeaders.REFERER, required = false) String referer) {
        conversation.repost(me, username, id);
        return back(referer, username, id);
    }

    @PostMapping("/users/{username}/posts/{id}/unrepost")
    String unrepost(
            @AuthenticationPrincipal UserRef me,
            @PathVariable String username,
            @PathVariable long id,
            @RequestHeader(name = HttpHeaders.REFERER, required = false) String referer) {
        conversation.unrepost(me, username, id);
        return back(referer, username, id);
    }

    /**
     * Back to the page the button was on, at the post: only the path and query of the {@code Referer} are kept, so
     * the header cannot send anyone to another site; without one, to the post's own page.
     */
    static String back(String referer, String username, long id) {
        String path = "/users/" + username + "/posts/" + id;
        if (referer != null) {
            try {
                URI uri = URI.create(referer);
                String local = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                if (uri.getRawPath() != null && LOCAL_PATH.matcher(local).matches()) {
                    path = local;
                }
            } catch (IllegalArgumentException e) {
                // why: a header that is no URI is no place to go back to; the post's own page is
            }
        }
        return "redirect:" + path + "#post-" + id;
    }
}
