package dev.microposts.media.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.media.MediaView;
import dev.microposts.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/media}: upload a video, then poll it until it is ready or failed. The compose box on the pages
 * uploads to {@code /uploads}, the same thing with the page session and its CSRF token instead of a bearer
 * token.
 */
@RestController
class MediaController {

    static final String UPLOADS = "/uploads";

    private final MediaService media;

    MediaController(MediaService media) {
        this.media = media;
    }

    /**
     * Takes a video as multipart form data (field {@code file}, and optionally {@code alt_text}, its description
     * for people who cannot see it) or as the raw request body, stores it, and answers {@code 202} at once:
     * processing goes on in the background; poll the {@code href}.
     */
    @PostMapping({"/api/v1/media", UPLOADS})
    ResponseEntity<MediaView> upload(@AuthenticationPrincipal UserRef user, HttpServletRequest request)
            throws IOException {
        MediaView view;
        if (request instanceof MultipartHttpServletRequest multipart) {
            var file = multipart.getFile("file");
            if (file == null) {
                throw ApiProblem.invalid("file", "send the video in the multipart field 'file'");
            }
            // why: a refused description refuses the upload before its file is stored
            String altText = MediaService.checkedAltText(multipart.getParameter("alt_text"));
            try (InputStream in = file.getInputStream()) {
                view = media.upload(user, in);
            }
            if (altText != null) {
                UUID id = parse(view.id());
                media.describe(user, id, altText);
                view = media.view(id, user.id()).orElseThrow();
            }
        } else {
            try (InputStream in = request.getInputStream()) {
                view = media.upload(user, in);
            }
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create(view.href()))
                .body(view);
    }

    /**
     * Anyone may poll an item on a post; one on no post yet, and why an item failed, only its owner, who may be
     * a bearer token's or, for the compose box, the page session's ({@code /uploads/<id>}). Others get 404, as for
     * an item that does not exist, so an id is never confirmed to them.
     */
    @GetMapping({"/api/v1/media/{id}", UPLOADS + "/{id}"})
    MediaView get(@PathVariable String id, @AuthenticationPrincipal UserRef viewer) {
        return media.view(parse(id), viewer == null ? -1 : viewer.id()).orElseThrow(() -> new MediaItemNotFound(id));
    }

    /**
     * Changes what its owner says of a video: {@code alt_text}, its description for people who cannot see it
     * (up to {@value MediaView#MAX_ALT_TEXT} characters; {@code null} or blank removes it). Someone else's video
     * on a post is 403; one they cannot see, 404.
     */
    @PatchMapping(
            path = "/api/v1/media/{id}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    MediaView patch(@PathVariable String id, @AuthenticationPrincipal UserRef owner, @RequestBody JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ApiProblem.invalid("body", "must be a JSON object with 'alt_text'");
        }
        for (String field : patch.propertyNames()) {
            if (!field.equals("alt_text")) {
                throw ApiProblem.invalid(field, "unknown field; accepted fields are [alt_text]");
            }
        }
        UUID item = parse(id);
        if (patch.has("alt_text")) {
            JsonNode altText = patch.get("alt_text");
            if (!altText.isNull() && !altText.isString()) {
                throw ApiProblem.invalid("alt_text", "must be a string or null");
            }
            media.describe(owner, item, altText.isNull() ? null : altText.asString());
        }
        return media.view(item, owner.id()).orElseThrow(() -> new MediaItemNotFound(id));
    }

    /** Deletes an upload its owner has not put on a post: {@code 204}; {@code 409} once a post carries it. */
    @DeleteMapping({"/api/v1/media/{id}", UPLOADS + "/{id}"})
    ResponseEntity<Void> delete(@PathVariable String id, @AuthenticationPrincipal UserRef owner) {
        media.delete(owner, parse(id));
        return ResponseEntity.noContent().build();
    }

    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new MediaItemNotFound(id);
        }
    }
}
