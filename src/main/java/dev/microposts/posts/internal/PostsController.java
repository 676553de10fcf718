package dev.microposts.posts.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.posts.web.PostLinks;
import dev.microposts.posts.web.PostView;
import dev.microposts.refusals.NotAllowed;
import dev.microposts.web.ApiLimits;
import dev.microposts.web.ApiProblem;
import dev.microposts.web.MemberLimits;
import dev.microposts.web.Page;
import dev.microposts.web.PageRequest;
import dev.microposts.web.PagedResponses;
import dev.microposts.web.UsernameOrMe;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The book's collection resources: {@code /users/{username}/collection[/{id}]}, the same for the
 * logged-in user under {@code /me/collection} (each handler serves both, see {@link UsernameOrMe}), and search.  Edits honour {@code If-Match} with the post's ETag.
 */
@RestController
@RequestMapping("/api/v1")
class PostsController {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final PostService posts;
    private final PostLinks links;
    private final ApiLimits limits;
    private final MemberLimits memberLimits;

    PostsController(PostService posts, PostLinks links, ApiLimits limits, MemberLimits memberLimits) {
        this.posts = posts;
        this.links = links;
        this.limits = limits;
        this.memberLimits = memberLimits;
    }

    @GetMapping({"/users/{username}/collection", "/me/collection"})
    ResponseEntity<List<PostView>> collection(
            @AuthenticationPrincipal UserRef viewer,
            @UsernameOrMe String username,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        Page<Post> page =
                posts.collection(username, PageRequest.of(cursor, limit, limits), Optional.ofNullable(viewer));
        return PagedResponses.of(viewed(page, viewer));
    }

    @PostMapping(
            path = {"/users/{username}/collection", "/me/collection"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<PostView> create(
            @AuthenticationPrincipal UserRef user, @UsernameOrMe String username, @RequestBody PostInput input) {
        if (!user.username().equalsIgnoreCase(username)) {
            throw new NotAllowed(
                    "You can only post to your own collection, /api/v1/users/" + user.username() + "/collection");
        }
        // why: outside the post's transaction, which would hold a connection while the bucket takes another
        memberLimits.admit(MemberLimits.Action.POST, user.id());
        Post post = posts.create(user, input.text(), input.referenced(), input.mediaIds(), postId(input.inReplyTo()));
        PostView view = links.view(posts.view(post, Optional.of(user)));
        return ResponseEntity.created(URI.create(view.href())).eTag(post.etag()).body(view);
    }

    @GetMapping({"/users/{username}/collection/{id}", "/me/collection/{id}"})
    ResponseEntity<PostView> get(
            @AuthenticationPrincipal UserRef viewer, @UsernameOrMe String username, @PathVariable long id) {
        return withEtag(posts.get(username, id, Optional.ofNullable(viewer)), viewer);
    }

    @PutMapping(
            path = {"/users/{username}/collection/{id}", "/me/collection/{id}"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PostView> replace(
            @AuthenticationPrincipal UserRef user,
            @UsernameOrMe String username,
            @PathVariable long id,
            @RequestBody PostInput input,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        var change = new PostService.PostChange(
                Optional.ofNullable(input.text()).or(() -> Optional.of("")),
                Optional.of(Optional.ofNullable(input.referenced())));
        return withEtag(posts.edit(user, username, id, change, expectedVersion(ifMatch)), user);
    }

    @PatchMapping(
            path = {"/users/{username}/collection/{id}", "/me/collection/{id}"},
            consumes = {MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH})
    ResponseEntity<PostView> patch(
            @AuthenticationPrincipal UserRef user,
            @UsernameOrMe String username,
            @PathVariable long id,
            @RequestBody JsonNode patch,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return withEtag(posts.edit(user, username, id, changeFrom(patch), expectedVersion(ifMatch)), user);
    }

    @DeleteMapping({"/users/{username}/collection/{id}", "/me/collection/{id}"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(
            @AuthenticationPrincipal UserRef user,
            @UsernameOrMe String username,
            @PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        posts.delete(user, username, id, expectedVersion(ifMatch));
    }

    @GetMapping("/search/posts")
    ResponseEntity<List<PostView>> search(
            @AuthenticationPrincipal UserRef viewer,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        Page<Post> page = posts.search(q, PageRequest.of(cursor, limit, limits), Optional.ofNullable(viewer));
        return PagedResponses.of(viewed(page, viewer));
    }

    /**
     * A post as written; {@code media_ids} are taken when the post is created and fixed after that, and so is
     * {@code in_reply_to}, the post it answers: its id, or its {@code href} as the API gave it.
     */
    record PostInput(String text, String referenced, List<String> mediaIds, JsonNode inReplyTo) {}

    private static final Pattern POST_HREF = Pattern.compile("(?:.*/collection/)?(\\d{1,18})");

    /** The post named by {@code in_reply_to}: a positive id, as a number or a string, or a post's href. */
    private static Long postId(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong() && node.asLong() > 0) {
            return node.asLong();
        }
        if (node.isString()) {
            Matcher id = POST_HREF.matcher(node.asString());
            if (id.matches() && Long.parseLong(id.group(1)) > 0) {
                return Long.valueOf(id.group(1));
            }
        }
        throw ApiProblem.invalid("in_reply_to", "must be the id or the href of a post");
    }

    private ResponseEntity<PostView> withEtag(Post post, UserRef viewer) {
        return ResponseEntity.ok().eTag(post.etag()).body(links.view(posts.view(post, Optional.ofNullable(viewer))));
    }

    private Page<PostView> viewed(Page<Post> page, UserRef viewer) {
        return new Page<>(links.views(posts.views(page.items(), Optional.ofNullable(viewer))), page.next());
    }

    /**
     * The version named by {@code If-Match: "3"}; {@code *} or no header: any. If-Match compares
     * strongly (RFC 9110), so a weak tag, or one this API never issued, matches no version.
     */
    private static Integer expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            return -1;
        }
        value = value.replace("\"", "");
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            // an ETag we never issued matches no version of the post
            return -1;
        }
    }

    /** A JSON merge patch (RFC 7396) of {@code text} and {@code referenced}. */
    private static PostService.PostChange changeFrom(JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ApiProblem.invalid("body", "must be a JSON object with 'text' and/or 'referenced'");
        }
        for (String field : patch.propertyNames()) {
            if (!field.equals("text") && !field.equals("referenced")) {
                throw ApiProblem.invalid(field, "unknown field; accepted fields are [text, referenced]");
            }
        }
        Optional<String> text = Optional.empty();
        if (patch.has("text")) {
            JsonNode node = patch.get("text");
            if (!node.isString()) {
                throw ApiProblem.invalid("text", "must be a string");
            }
            text = Optional.of(node.asString());
        }
        Optional<Optional<String>> referenced = Optional.empty();
        if (patch.has("referenced")) {
            JsonNode node = patch.get("referenced");
            if (node.isNull()) {
                referenced = Optional.of(Optional.empty());
            } else if (node.isString()) {
                referenced = Optional.of(Optional.of(node.asString()));
            } else {
                throw ApiProblem.invalid("referenced", "must be a username or null");
            }
        }
        return new PostService.PostChange(text, referenced);
    }
}
