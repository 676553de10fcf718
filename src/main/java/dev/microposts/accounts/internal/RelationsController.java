package dev.microposts.accounts.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.accounts.web.UserLinks;
import dev.microposts.web.ApiLimits;
import dev.microposts.web.PageRequest;
import dev.microposts.web.PagedResponses;
import java.time.Instant;
import java.util.List;
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
 * Block and mute ({@code PUT}/{@code DELETE /me/blocks/{username}} and {@code /me/mutes/{username}}, all
 * idempotent), and the lists of whom one blocked or muted. Only the user themselves sees their lists: who blocked
 * whom is nobody else's business.
 */
@RestController
@RequestMapping("/api/v1/me")
class RelationsController {

    private final RelationService relations;
    private final UserLinks links;
    private final ApiLimits limits;

    RelationsController(RelationService relations, UserLinks links, ApiLimits limits) {
        this.relations = relations;
        this.links = links;
        this.limits = limits;
    }

    @PutMapping("/blocks/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void block(@AuthenticationPrincipal UserRef user, @PathVariable String username) {
        relations.block(user, username);
    }

    @DeleteMapping("/blocks/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unblock(@AuthenticationPrincipal UserRef user, @PathVariable String username) {
        relations.unblock(user, username);
    }

    @GetMapping("/blocks")
    ResponseEntity<List<Person>> blocks(
            @AuthenticationPrincipal UserRef user,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return list(StoredRelations.Kind.BLOCK, user, cursor, limit);
    }

    @PutMapping("/mutes/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void mute(@AuthenticationPrincipal UserRef user, @PathVariable String username) {
        relations.mute(user, username);
    }

    @DeleteMapping("/mutes/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unmute(@AuthenticationPrincipal UserRef user, @PathVariable String username) {
        relations.unmute(user, username);
    }

    @GetMapping("/mutes")
    ResponseEntity<List<Person>> mutes(
            @AuthenticationPrincipal UserRef user,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return list(StoredRelations.Kind.MUTE, user, cursor, limit);
    }

    private ResponseEntity<List<Person>> list(StoredRelations.Kind kind, UserRef user, String cursor, Integer limit) {
        return PagedResponses.of(relations
                .list(kind, user, PageRequest.of(cursor, limit, limits))
                .map(link -> new Person(
                        link.user().username(), links.user(link.user().username()), link.since())));
    }

    /** Someone blocked or muted, and since when. */
    record Person(String username, String href, Instant since) {}
}
