package dev.microposts.timeline.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.accounts.Users;
import dev.microposts.posts.web.PostLinks;
import dev.microposts.posts.web.PostView;
import dev.microposts.web.ApiLimits;
import dev.microposts.web.MemberLimits;
import dev.microposts.web.PageRequest;
import dev.microposts.web.PagedResponses;
import dev.microposts.web.UsernameOrMe;
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
 * Follow and unfollow ({@code PUT}/{@code DELETE /me/following/{username}}, both idempotent), the
 * followers and following lists, and the home timeline.
 */
@RestController
@RequestMapping("/api/v1")
class TimelineController {

    private final Follows follows;
    private final FollowService followService;
    private final HomeTimeline home;
    private final Users users;
    private final PostLinks links;
    private final ApiLimits limits;
    private final MemberLimits memberLimits;

    TimelineController(
            Follows follows,
            FollowService followService,
            HomeTimeline home,
            Users users,
            PostLinks links,
            ApiLimits limits,
            MemberLimits memberLimits) {
        this.follows = follows;
        this.followService = followService;
        this.home = home;
        this.users = users;
        this.links = links;
        this.limits = limits;
        this.memberLimits = memberLimits;
    }

    @PutMapping("/me/following/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void follow(@AuthenticationPrincipal UserRef user, @PathVariable String username) {
        long followee = users.requireByUsername(username).id();
        memberLimits.admit(MemberLimits.Action.FOLLOW, user.id());
        followService.follow(user.id(), followee);
    }

    @DeleteMapping("/me/following/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unfollow(@AuthenticationPrincipal UserRef user, @PathVariable String username) {
        followService.unfollow(user.id(), users.requireByUsername(username).id());
    }

    @GetMapping({"/users/{username}/followers", "/me/followers"})
    ResponseEntity<List<Person>> followers(
            @UsernameOrMe String username,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return people(Follows.Side.FOLLOWERS, username, cursor, limit);
    }

    @GetMapping({"/users/{username}/following", "/me/following"})
    ResponseEntity<List<Person>> following(
            @UsernameOrMe String username,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return people(Follows.Side.FOLLOWING, username, cursor, limit);
    }

    /** The home timeline ({@link HomeTimeline}). */
    @GetMapping("/me/timeline")
    ResponseEntity<List<PostView>> timeline(
            @AuthenticationPrincipal UserRef user,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return PagedResponses.of(
                home.page(user, PageRequest.of(cursor, limit, limits)).map(links::view));
    }

    private ResponseEntity<List<Person>> people(Follows.Side side, String username, String cursor, Integer limit) {
        return PagedResponses.of(followService
                .people(side, username, PageRequest.of(cursor, limit, limits))
                .map(link -> {
                    String name = link.user().username();
                    return new Person(name, links.user(name), link.since());
                }));
    }

    /** Someone in a followers or following list, and since when. */
    record Person(String username, String href, Instant since) {}
}
