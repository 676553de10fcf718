package dev.microposts.posts.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.web.ApiLimits;
import dev.microposts.web.ApiProblem;
import dev.microposts.web.FormErrors;
import dev.microposts.web.Page;
import dev.microposts.web.PageController;
import dev.microposts.web.PageRequest;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Writing a post from the compose box, one post's page (with delete for its author), and search. */
@PageController
class PostPages {

    /** How the compose box's errors name its fields. */
    private static final Map<String, String> COMPOSE_FIELDS = Map.of("text", "Your post");

    private final PostService posts;
    private final ApiLimits limits;

    PostPages(PostService posts, ApiLimits limits) {
        this.posts = posts;
        this.limits = limits;
    }

    /** The compose box; a refused post comes back to it with the text kept and the reason shown. */
    @PostMapping("/posts")
    String create(
            @AuthenticationPrincipal UserRef me,
            @RequestParam(defaultValue = "") String text,
            @RequestParam(required = false) String referenced,
            @RequestParam(name = "media_id", required = false) List<String> mediaIds,
            RedirectAttributes redirect) {
        String mention = referenced == null || referenced.isBlank()
                ? null
                : referenced.strip().replaceFirst("^@", "");
        try {
            posts.create(
                    me,
                    text,
                    mention,
                    mediaIds == null
                            ? List.of()
                            : mediaIds.stream().filter(id -> !id.isBlank()).toList());
        } catch (ApiProblem problem) {
            redirect.addFlashAttribute("composeErrors", FormErrors.sentences(problem, COMPOSE_FIELDS));
            redirect.addFlashAttribute("composeText", text);
            redirect.addFlashAttribute("composeReferenced", referenced);
            return "redirect:/#compose";
        }
        redirect.addFlashAttribute("notice", "Posted.");
        return "redirect:/";
    }

    @GetMapping("/users/{username}/posts/{id}")
    String post(@PathVariable String username, @PathVariable long id, Model model) {
        Post post = posts.get(username, id);
        model.addAttribute("post", posts.view(post));
        return "posts/post";
    }

    @PostMapping("/users/{username}/posts/{id}/delete")
    String delete(
            @AuthenticationPrincipal UserRef me,
            @PathVariable String username,
            @PathVariable long id,
            RedirectAttributes redirect) {
        posts.delete(me, username, id, null);
        redirect.addFlashAttribute("notice", "Your post is deleted.");
        return "redirect:/users/" + me.username();
    }

    @GetMapping("/search")
    String search(
            @RequestParam(required = false) String q, @RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("query", q);
        if (q == null || q.isBlank()) {
            model.addAttribute("posts", List.of());
            return "posts/search";
        }
        try {
            Page<Post> page = posts.search(q, PageRequest.of(cursor, null, limits));
            model.addAttribute("posts", posts.views(page.items()));
            model.addAttribute("next", page.next() == null ? null : page.next().encode());
        } catch (ApiProblem problem) {
            model.addAttribute("posts", List.of());
            model.addAttribute("errors", FormErrors.of(problem));
        }
        return "posts/search";
    }
}
