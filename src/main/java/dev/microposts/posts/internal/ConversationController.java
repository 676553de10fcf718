package dev.microposts.posts.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.posts.web.PostLinks;
import dev.microposts.posts.web.PostView;
import dev.microposts.web.ApiLimits;
import dev.microposts.web.Page;
import dev.microposts.web.PageRequest;
import dev.microposts.web.PagedResponses;
import dev.microposts.web.UsernameOrMe;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A post's conversation in the API: its {@code replies} (paginated, newest first, like every list), its
 * {@code ancestors} (the posts it answers, the thread's first post first), and the signed-in user's
 * {@code like} and {@code repost} of it, set with {@code PUT} and taken back with {@code DELETE}, both idempotent.
 * A thread is read as the two lists beside the post itself, so each keeps the conventions of the API's lists.
 */
@RestController
@RequestMapping("/api/v1")
class ConversationController {

    private final ConversationService conversation;
    private final PostService posts;
    private final PostLinks links;
    private final ApiLimits limits;

    ConversationController(ConversationService conversation, PostService posts, PostLinks links, ApiLimits limits) {
        this.conversation = conversation;
        this.posts = posts;
        this.links = links;
        this.limits = limits;
    }

    @GetMapping({"/users/{username}/collection/{id}/replies", "/me/collection/{id}/replies"})
    ResponseEntity<List<PostView>> replies(
            @AuthenticationPrincipal UserRef viewer,
            @UsernameOrMe String username,
            @PathVariable long id,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        Optional<UserRef> reader = Optional.ofNullable(viewer);
        Page<Post> page = conversation.replies(username, id, PageRequest.of(cursor, limit, limits), reader);
        return PagedResponses.of(new Page<>(links.views(posts.views(page.items(), reader)), page.next()));
    }

    @GetMapping({"/users/{username}/collection/{id}/ancestors", "/me/collection/{id}/ancestors"})
    List<PostView> ancestors(
            @AuthenticationPrincipal UserRef viewer, @UsernameOrMe String username, @PathVariable long id) {
        Optional<UserRef> reader = Optional.ofNullable(viewer);
        return links.views(posts.views(conversation.ancestors(username, id, reader), reader));
    }

    @PutMapping({"/users/{username}/collection/{id}/like", "/me/collection/{id}/like"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void like(@AuthenticationPrincipal UserRef user, @UsernameOrMe String username, @PathVariable long id) {
        conversation.like(user, username, id);
    }

    @DeleteMapping({"/users/{username}/collection/{id}/like", "/me/collection/{id}/like"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unlike(@AuthenticationPrincipal UserRef user, @UsernameOrMe String username, @PathVariable long id) {
        conversation.unlike(user, username, id);
    }

    @PutMapping({"/users/{username}/collection/{id}/repost", "/me/collection/{id}/repost"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void repost(@AuthenticationPrincipal UserRef user, @UsernameOrMe String username, @PathVariable long id) {
        conversation.repost(user, username, id);
    }

    @DeleteMapping({"/users/{username}/collection/{id}/repost", "/me/collection/{id}/repost"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unrepost(@AuthenticationPrincipal UserRef user, @UsernameOrMe String username, @PathVariable long id) {
        conversation.unrepost(user, username, id);
    }
}
