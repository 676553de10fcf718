package dev.microposts.posts.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.media.MediaLibrary;
import dev.microposts.web.ApiLimits;
import dev.microposts.web.ApiProblem;
import dev.microposts.web.FormErrors;
import dev.microposts.web.Page;
import dev.microposts.web.PageController;
import dev.microposts.web.PageRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Writing a post from the compose box, one post's page (with delete for its author), and search. */
@PageController
class PostPages {

    private final PostService posts;
    private final MediaLibrary media;
    private final ApiLimits limits;

    PostPages(PostService posts, MediaLibrary media, ApiLimits limits) {
        this.posts = posts;
        this.media = media;
        this.limits = limits;
    }

    /**
     * The compose box; a refused post comes back to it with the text kept and the reason shown. Its script
     * uploads a video ahead and sends its id ({@code media_id}); without the script the form sends the file
     * itself ({@code video}), which is stored here, once the text is known to be acceptable.
     */
    @PostMapping("/posts")
    String create(
            @AuthenticationPrincipal UserRef me,
            @RequestParam(defaultValue = "") String text,
            @RequestParam(required = false) String referenced,
            @RequestParam(name = "media_id", required = false) List<String> mediaIds,
            @RequestParam(name = "video", required = false) MultipartFile video,
            RedirectAttributes redirect)
            throws IOException {
        String mention = referenced == null || referenced.isBlank()
                ? null
                : referenced.strip().replaceFirst("^@", "");
        List<String> attached = new ArrayList<>(
                mediaIds == null
                        ? List.of()
                        : mediaIds.stream().filter(id -> !id.isBlank()).toList());
        Post post;
        try {
            if (chosen(video)) {
                posts.checkDraft(text, mention);
                try (InputStream in = video.getInputStream()) {
                    attached.add(media.uploadFromPage(me, in, video.getOriginalFilename())
                            .id());
                }
            }
            post = posts.create(me, text, mention, attached);
        } catch (ApiProblem problem) {
            redirect.addFlashAttribute("composeErrors", FormErrors.of(problem));
            redirect.addFlashAttribute("composeText", text);
            redirect.addFlashAttribute("composeReferenced", referenced);
            return "redirect:/#compose";
        }
        redirect.addFlashAttribute(
                "notice", post.mediaPending() > 0 ? "Posted. Others see it once its video is ready." : "Posted.");
        return "redirect:/";
    }

    /** Whether the form's file field holds a file: with none chosen, browsers send it nameless and empty. */
    private static boolean chosen(MultipartFile video) {
        return video != null
                && (video.getSize() > 0
                        || (video.getOriginalFilename() != null
                                && !video.getOriginalFilename().isEmpty()));
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
