package dev.microposts.posts.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.posts.web.PostLinks;
import dev.microposts.posts.web.PostView;
import dev.microposts.web.ApiLimits;
import dev.microposts.web.Page;
import dev.microposts.web.PageRequest;
import dev.microposts.web.PagedResponses;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/tags/{tag}/posts}: the published posts carrying a hashtag, newest first, paged like every other
 * collection. The tag is matched ignoring case; one no post could carry ({@code #}, digits only) is a 404.
 */
@RestController
@RequestMapping("/api/v1")
class TagsController {

    private final PostService posts;
    private final PostLinks links;
    private final ApiLimits limits;

    TagsController(PostService posts, PostLinks links, ApiLimits limits) {
        this.posts = posts;
        this.links = links;
        this.limits = limits;
    }

    @GetMapping("/tags/{tag}/posts")
    ResponseEntity<List<PostView>> tagged(
            @AuthenticationPrincipal UserRef viewer,
            @PathVariable String tag,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        Page<Post> page = posts.tagged(tag, PageRequest.of(cursor, limit, limits), Optional.ofNullable(viewer));
        return PagedResponses.of(
                new Page<>(links.views(posts.views(page.items(), Optional.ofNullable(viewer))), page.next()));
    }
}
