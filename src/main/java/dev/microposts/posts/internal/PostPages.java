package dev.microposts.posts.internal;

import dev.microposts.accounts.Profile;
import dev.microposts.accounts.UserRef;
import dev.microposts.accounts.Users;
import dev.microposts.media.MediaLibrary;
import dev.microposts.media.MediaView;
import dev.microposts.posts.VisiblePost;
import dev.microposts.refusals.InvalidInput;
import dev.microposts.refusals.NotFound;
import dev.microposts.refusals.Refusal;
import dev.microposts.web.ApiLimits;
import dev.microposts.web.ApiProblem;
import dev.microposts.web.FormErrors;
import dev.microposts.web.MemberLimits;
import dev.microposts.web.Page;
import dev.microposts.web.PageController;
import dev.microposts.web.PageRequest;
import dev.microposts.web.UserText;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Writing a post from the compose box, one post's page (with edit and delete for its author), and search. Edits
 * carry the version the form was opened on, as the API's {@code If-Match} does, so a change made elsewhere in the
 * meantime is never silently overwritten.
 */
@PageController
class PostPages {

    /** How the compose box's errors name its fields. */
    private static final Map<String, String> COMPOSE_FIELDS =
            Map.of("text", "Your post", "alt_text", "Your description of the video");

    private static final Map<String, String> DESCRIPTION_FIELDS = Map.of("alt_text", "Your description of the video");

    private static final Map<String, String> SEARCH_FIELDS = Map.of("q", "Your search");

    /** Enough to find someone by name without pushing the posts off the first screen. */
    private static final int PEOPLE_ABOVE_POSTS = 5;

    private final PostService posts;
    private final Users users;
    private final MediaLibrary media;
    private final ApiLimits limits;
    private final MemberLimits memberLimits;
    private final ConversationService conversation;

    PostPages(
            PostService posts,
            Users users,
            MediaLibrary media,
            ApiLimits limits,
            MemberLimits memberLimits,
            ConversationService conversation) {
        this.posts = posts;
        this.conversation = conversation;
        this.users = users;
        this.media = media;
        this.limits = limits;
        this.memberLimits = memberLimits;
    }

    /**
     * The compose box; a refused post comes back to it with the text kept and the reason shown. Its script
     * uploads a video ahead and sends its id ({@code media_id}); without the script the form sends the file
     * itself ({@code video}), which is stored here, once the text is known to be acceptable. A description of the
     * video ({@code alt_text}) is given to each video the post carries.
     */
    @PostMapping("/posts")
    String create(
            @AuthenticationPrincipal UserRef me,
            @RequestParam(defaultValue = "") String text,
            @RequestParam(required = false) String referenced,
            @RequestParam(name = "media_id", required = false) List<String> mediaIds,
            @RequestParam(name = "video", required = false) MultipartFile video,
            @RequestParam(name = "alt_text", defaultValue = "") String altText,
            RedirectAttributes redirect)
            throws IOException {
        text = asTyped(text);
        altText = asTyped(altText);
        String mention = referenced == null || referenced.isBlank()
                ? null
                : referenced.strip().replaceFirst("^@", "");
        List<String> attached = new ArrayList<>(
                mediaIds == null
                        ? List.of()
                        : mediaIds.stream().filter(id -> !id.isBlank()).toList());
        Post post;
        try {
            // why: before the video is stored, and outside the post's transaction (the bucket takes a connection)
            memberLimits.admit(MemberLimits.Action.POST, me.id());
            checkAltText(altText);
            if (chosen(video)) {
                posts.checkDraft(text, mention);
                try (InputStream in = video.getInputStream()) {
                    attached.add(media.uploadFromPage(me, in, video.getOriginalFilename())
                            .id());
                }
            }
            post = posts.create(me, text, mention, attached, null);
        } catch (Refusal refusal) {
            redirect.addFlashAttribute("composeAltText", altText);
            return backToCompose(FormErrors.sentences(refusal, COMPOSE_FIELDS), text, referenced, redirect);
        }
        if (!altText.isBlank()) {
            for (String id : attached) {
                media.describe(me, UUID.fromString(id), altText);
            }
        }
        redirect.addFlashAttribute(
                "notice", post.mediaPending() > 0 ? "Posted. Others see it once its video is ready." : "Posted.");
        return "redirect:/";
    }

    /** A refused post goes back to the compose box with what was typed, so nothing is lost. */
    private static String backToCompose(
            Map<String, String> errors, String text, String referenced, RedirectAttributes redirect) {
        redirect.addFlashAttribute("composeErrors", errors);
        redirect.addFlashAttribute("composeText", text);
        redirect.addFlashAttribute("composeReferenced", referenced);
        return "redirect:/#compose";
    }

    /** Whether the form's file field holds a file: with none chosen, browsers send it nameless and empty. */
    private static boolean chosen(MultipartFile video) {
        return video != null
                && (video.getSize() > 0
                        || (video.getOriginalFilename() != null
                                && !video.getOriginalFilename().isEmpty()));
    }

    /**
     * A post with its thread: the posts it answers above it, a page of its replies below (newest first, with a link
     * to older ones), and a box to reply.
     */
    @GetMapping("/users/{username}/posts/{id}")
    String post(
            @AuthenticationPrincipal UserRef me,
            @PathVariable String username,
            @PathVariable long id,
            @RequestParam(required = false) String cursor,
            Model model) {
        Optional<UserRef> viewer = Optional.ofNullable(me);
        VisiblePost post = posts.view(posts.get(username, id, viewer), viewer);
        List<VisiblePost> ancestors = posts.views(conversation.ancestors(username, id, viewer), viewer);
        Page<Post> replies = conversation.replies(username, id, PageRequest.of(cursor, null, limits), viewer);
        List<VisiblePost> replyViews = posts.views(replies.items(), viewer);
        List<VisiblePost> all = new ArrayList<>(ancestors);
        all.add(post);
        all.addAll(replyViews);
        model.addAttribute("post", post);
        model.addAttribute("ancestors", ancestors);
        model.addAttribute("replies", replyViews);
        model.addAttribute("first", cursor == null || cursor.isBlank());
        model.addAttribute(
                "next", replies.next() == null ? null : replies.next().encode());
        model.addAttribute("authorNames", authorNames(all));
        return "posts/post";
    }

    @GetMapping("/users/{username}/posts/{id}/edit")
    String edit(
            @AuthenticationPrincipal UserRef me, @PathVariable String username, @PathVariable long id, Model model) {
        Post post = posts.ownPost(me, username, id);
        model.addAttribute("post", posts.view(post, Optional.of(me)));
        model.addAttribute("text", post.text());
        model.addAttribute("version", post.version());
        return "posts/edit";
    }

    /**
     * Saves the text if the post is still at the version the form was opened on. If it was changed elsewhere
     * meanwhile, the form comes back with the text as it is now beside the user's own, which is kept, and with the
     * new version, so saving again is a deliberate choice to replace what the other edit wrote. A post deleted
     * meanwhile leaves the text on the page, to be posted anew.
     */
    @PostMapping("/users/{username}/posts/{id}/edit")
    String saveEdit(
            @AuthenticationPrincipal UserRef me,
            @PathVariable String username,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String text,
            @RequestParam int version,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        text = asTyped(text);
        try {
            posts.edit(me, username, id, new PostService.PostChange(Optional.of(text), Optional.empty()), version);
        } catch (Refusal refusal) {
            if (refusal.reason() == Refusal.Reason.NOT_ALLOWED) {
                throw refusal;
            }
            model.addAttribute("text", text);
            if (refusal.reason() == Refusal.Reason.NOT_FOUND) {
                // why: deleted while the form was open; the text is all the user has left, so it stays on the page
                model.addAttribute("gone", true);
                response.setStatus(HttpStatus.NOT_FOUND.value());
                return "posts/edit";
            }
            Post current = posts.ownPost(me, username, id);
            boolean conflict = refusal.reason() == Refusal.Reason.CHANGED_MEANWHILE;
            model.addAttribute("post", posts.view(current, Optional.of(me)));
            model.addAttribute("version", conflict ? current.version() : version);
            model.addAttribute("conflict", conflict);
            if (!conflict) {
                model.addAttribute("errors", FormErrors.of(refusal));
            }
            response.setStatus(
                    conflict
                            ? HttpStatus.CONFLICT.value()
                            : ApiProblem.from(refusal).getStatusCode().value());
            return "posts/edit";
        }
        redirect.addFlashAttribute("notice", "Your post is saved.");
        return "redirect:/users/" + me.username() + "/posts/" + id;
    }

    /**
     * Saves the description of one of the post's videos, from the post's edit page; a blank one removes it.
     * Only the post's author reaches it, and only for a video the post carries.
     */
    @PostMapping("/users/{username}/posts/{id}/videos/{mediaId}/description")
    String describeVideo(
            @AuthenticationPrincipal UserRef me,
            @PathVariable String username,
            @PathVariable long id,
            @PathVariable String mediaId,
            @RequestParam(name = "alt_text", defaultValue = "") String altText,
            RedirectAttributes redirect) {
        VisiblePost post = posts.view(posts.ownPost(me, username, id), Optional.of(me));
        if (post.media().stream().noneMatch(video -> video.id().equals(mediaId))) {
            throw new NotFound("Post " + id + " carries no video " + mediaId);
        }
        try {
            media.describe(me, UUID.fromString(mediaId), asTyped(altText));
        } catch (Refusal refusal) {
            redirect.addFlashAttribute("errors", FormErrors.sentences(refusal, DESCRIPTION_FIELDS));
            return "redirect:/users/" + me.username() + "/posts/" + id + "/edit";
        }
        redirect.addFlashAttribute("notice", "The video's description is saved.");
        return "redirect:/users/" + me.username() + "/posts/" + id;
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

    /**
     * People and posts matching {@code q}: the first page shows the best few people above the posts;
     * {@code type=people} pages through all the people, and a cursor without a type through the posts.
     */
    @GetMapping("/search")
    String search(
            @AuthenticationPrincipal UserRef me,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String cursor,
            Model model) {
        model.addAttribute("query", q);
        if (q == null || q.isBlank()) {
            return "posts/search";
        }
        boolean onlyPeople = "people".equals(type);
        boolean withPeople = onlyPeople || cursor == null || cursor.isBlank();
        try {
            Page<Profile> people = null;
            if (withPeople) {
                people = users.search(
                        q,
                        onlyPeople
                                ? PageRequest.of(cursor, null, limits)
                                : PageRequest.of(null, Math.min(PEOPLE_ABOVE_POSTS, limits.maxPageSize()), limits));
            }
            Page<Post> found =
                    onlyPeople ? null : posts.search(q, PageRequest.of(cursor, null, limits), Optional.ofNullable(me));
            if (people != null) {
                model.addAttribute("people", people.items());
                model.addAttribute(
                        "morePeople",
                        people.next() == null ? null : people.next().encode());
            }
            if (found != null) {
                List<VisiblePost> views = posts.views(found.items(), Optional.ofNullable(me));
                model.addAttribute("posts", views);
                model.addAttribute("authorNames", authorNames(views));
                model.addAttribute(
                        "next", found.next() == null ? null : found.next().encode());
            }
        } catch (Refusal refusal) {
            model.addAttribute("errors", FormErrors.sentences(refusal, SEARCH_FIELDS));
        } catch (ApiProblem problem) {
            // why: a cursor the page did not hand out is refused by the pagination of the edge itself
            model.addAttribute("errors", FormErrors.sentences(problem, SEARCH_FIELDS));
        }
        return "posts/search";
    }

    /** Refuses a description of a video as the media module would, before anything is stored. */
    private static void checkAltText(String altText) {
        if (!altText.isBlank()) {
            UserText.problemWith(altText, MediaView.MAX_ALT_TEXT, true).ifPresent(problem -> {
                throw InvalidInput.of("alt_text", problem);
            });
        }
    }

    /**
     * The text as it was typed: a form sends each line break of a text area as CR LF, which would make every line
     * break count twice against the length limit and store characters nobody typed.
     */
    static String asTyped(String text) {
        return text.replace("\r\n", "\n");
    }

    private Map<String, String> authorNames(List<VisiblePost> views) {
        return users.displayNames(
                views.stream().map(VisiblePost::user).distinct().toList());
    }
}
