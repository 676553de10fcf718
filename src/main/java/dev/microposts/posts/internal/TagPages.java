package dev.microposts.posts.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.accounts.Users;
import dev.microposts.posts.PostText;
import dev.microposts.posts.VisiblePost;
import dev.microposts.web.ApiLimits;
import dev.microposts.web.Page;
import dev.microposts.web.PageController;
import dev.microposts.web.PageRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** A hashtag's page, {@code /tags/{tag}}: the published posts carrying it, newest first, a page at a time. */
@PageController
class TagPages {

    private final PostService posts;
    private final Users users;
    private final ApiLimits limits;

    TagPages(PostService posts, Users users, ApiLimits limits) {
        this.posts = posts;
        this.users = users;
        this.limits = limits;
    }

    @GetMapping("/tags/{tag}")
    String tag(
            @AuthenticationPrincipal UserRef me,
            @PathVariable String tag,
            @RequestParam(required = false) String cursor,
            Model model) {
        Page<Post> page = posts.tagged(tag, PageRequest.of(cursor, null, limits), Optional.ofNullable(me));
        List<VisiblePost> views = posts.views(page.items(), Optional.ofNullable(me));
        model.addAttribute("tag", PostText.normalizeTag(tag).orElseThrow());
        model.addAttribute("posts", views);
        model.addAttribute(
                "authorNames",
                users.displayNames(
                        views.stream().map(VisiblePost::user).distinct().toList()));
        model.addAttribute("next", page.next() == null ? null : page.next().encode());
        return "posts/tag";
    }
}
