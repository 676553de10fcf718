package dev.microposts.live.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.web.ApiProblem;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/v1/me/events}: server-sent events named {@code timeline} (a post by someone the user follows,
 * or by the user, was published), {@code timeline-removed}, {@code notification} and {@code media} (the user's
 * video is ready or failed). Each has the bus log's sequence number as its id; a client reconnecting with
 * {@code Last-Event-ID} gets what it missed first. The pages' scripts read the same stream at {@code /me/events}
 * with the page session.
 */
@RestController
class LiveController {

    private final LiveFeed feed;

    LiveController(LiveFeed feed) {
        this.feed = feed;
    }

    @GetMapping(
            path = {"/api/v1/me/events", "/me/events"},
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(
            @AuthenticationPrincipal UserRef user,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId)
            throws IOException {
        Long after = null;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                after = Long.parseLong(lastEventId.strip());
            } catch (NumberFormatException e) {
                throw ApiProblem.invalid("Last-Event-ID", "must be the id of an event this stream sent");
            }
        }
        return feed.open(user.id(), after);
    }
}
