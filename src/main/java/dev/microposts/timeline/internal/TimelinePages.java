package dev.microposts.timeline.internal;

import dev.microposts.accounts.Profile;
import dev.microposts.accounts.Relations;
import dev.microposts.accounts.UserRef;
import dev.microposts.accounts.Users;
import dev.microposts.posts.Posts;
import dev.microposts.posts.VisiblePost;
import dev.microposts.web.ApiLimits;
import dev.microposts.web.ApiProblem;
import dev.microposts.web.MemberLimits;
import dev.microposts.web.Page;
import dev.microposts.web.PageController;
import dev.microposts.web.PageRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The home page (timeline and compose box), profiles with their posts and follow button, and who follows whom. The
 * home page's script hears of new posts on the live stream and fetches them, rendered as the page renders them,
 * from {@code /timeline/entries}.
 */
@PageController
class TimelinePages {

    /** The lists a follow button may send the browser back to (see {@code backTo}). */
    private static final Pattern PEOPLE_LIST =
            Pattern.compile("/users/[A-Za-z0-9_]{1,30}/(followers|following)(\\?cursor=[A-Za-z0-9_-]{1,100})?");

    private final HomeTimeline home;
    private final Follows follows;
    private final FollowService followService;
    private final Users users;
    private final Posts posts;
    private final ApiLimits limits;
    private final MemberLimits memberLimits;
    private final Relations relations;

    TimelinePages(
            HomeTimeline home,
            Follows follows,
            FollowService followService,
            Users users,
            Posts posts,
            ApiLimits limits,
            MemberLimits memberLimits,
            Relations relations) {
        this.home = home;
        this.follows = follows;
        this.followService = followService;
        this.users = users;
        this.posts = posts;
        this.limits = limits;
        this.memberLimits = memberLimits;
        this.relations = relations;
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal UserRef me, @RequestParam(required = false) String cursor, Model model) {
        if (me == null) {
            return "timeline/welcome";
        }
        Page<VisiblePost> page = home.page(me, PageRequest.of(cursor, null, limits));
        model.addAttribute("posts", page.items());
        model.addAttribute("authorNames", authorNames(page.items()));
        model.addAttribute("next", page.next() == null ? null : page.next().encode());
        model.addAttribute("first", cursor == null || cursor.isBlank());
        model.addAttribute("maxEntries", limits.maxPageSize());
        return "timeline/home";
    }

    /** These posts as timeline entries, in the order given, leaving out those the reader may not see (any longer). */
    @GetMapping("/timeline/entries")
    String entries(@AuthenticationPrincipal UserRef me, @RequestParam List<Long> ids, Model model) {
        if (ids.size() > limits.maxPageSize()) {
            throw ApiProblem.invalid("ids", "at most " + limits.maxPageSize() + " posts at a time");
        }
        List<VisiblePost> shown = posts.byIds(ids.stream().distinct().toList(), Optional.ofNullable(me));
        model.addAttribute("posts", shown);
        model.addAttribute("authorNames", authorNames(shown));
        return "timeline/entries";
    }

    @GetMapping("/users/{username}")
    String profile(
            @AuthenticationPrincipal UserRef me,
            @PathVariable String username,
            @RequestParam(required = false) String cursor,
            Model model) {
        Profile profile = users.requireProfile(username);
        Page<VisiblePost> page =
                posts.byAuthors(List.of(profile.id()), PageRequest.of(cursor, null, limits), Optional.ofNullable(me));
        model.addAttribute("profile", profile);
        model.addAttribute("counts", follows.counts(profile.id()));
        model.addAttribute("self", me != null && me.id() == profile.id());
        model.addAttribute(
                "following", me != null && me.id() != profile.id() && follows.follows(me.id(), profile.id()));
        boolean other = me != null && me.id() != profile.id();
        // why: the profile says plainly which way a block stands rather than showing an empty list of posts
        model.addAttribute("blocking", other && relations.blocks(me.id(), profile.id()));
        model.addAttribute("blockedBy", other && relations.blocks(profile.id(), me.id()));
        model.addAttribute("muting", other && relations.mutes(me.id(), profile.id()));
        model.addAttribute("posts", page.items());
        model.addAttribute("authorNames", authorNames(page.items()));
        model.addAttribute("next", page.next() == null ? null : page.next().encode());
        return "timeline/profile";
    }

    /** Follows, then shows the profile, or the list the button was on when it says so in {@code return_to}. */
    @PostMapping("/users/{username}/follow")
    String follow(
            @AuthenticationPrincipal UserRef me,
            @PathVariable String username,
            @RequestParam(name = "return_to", required = false) String returnTo) {
        UserRef followee = users.requireByUsername(username);
        if (followee.id() != me.id()) {
            memberLimits.admit(MemberLimits.Action.FOLLOW, me.id());
            followService.follow(me.id(), followee.id());
        }
        return "redirect:" + backTo(returnTo, followee);
    }

    @PostMapping("/users/{username}/unfollow")
    String unfollow(
            @AuthenticationPrincipal UserRef me,
            @PathVariable String username,
            @RequestParam(name = "return_to", required = false) String returnTo) {
        UserRef followee = users.requireByUsername(username);
        followService.unfollow(me.id(), followee.id());
        return "redirect:" + backTo(returnTo, followee);
    }

    /**
     * Where a follow button sends the browser back to: the followers or following list it was on, or else
     * the profile of the person followed. Only those lists' own paths are taken, so the parameter cannot send
     * anyone to another site.
     */
    private static String backTo(String returnTo, UserRef followee) {
        return returnTo != null && PEOPLE_LIST.matcher(returnTo).matches() ? returnTo : "/users/" + followee.username();
    }

    @GetMapping("/users/{username}/followers")
    String followers(
            @AuthenticationPrincipal UserRef me,
            @PathVariable String username,
            @RequestParam(required = false) String cursor,
            Model model) {
        return people(me, Follows.Side.FOLLOWERS, username, cursor, model);
    }

    @GetMapping("/users/{username}/following")
    String following(
            @AuthenticationPrincipal UserRef me,
            @PathVariable String username,
            @RequestParam(required = false) String cursor,
            Model model) {
        return people(me, Follows.Side.FOLLOWING, username, cursor, model);
    }

    /**
     * A followers or following list: each person with their display name, and for a signed-in viewer a
     * follow or unfollow button of their own, as on a profile.
     */
    private String people(UserRef me, Follows.Side side, String username, String cursor, Model model) {
        UserRef user = users.requireByUsername(username);
        Page<FollowService.Link> page = followService.people(side, username, PageRequest.of(cursor, null, limits));
        List<UserRef> people =
                page.items().stream().map(FollowService.Link::user).toList();
        String sideName = side == Follows.Side.FOLLOWERS ? "followers" : "following";
        model.addAttribute("user", user);
        model.addAttribute("side", sideName);
        model.addAttribute("people", people);
        model.addAttribute(
                "displayNames",
                users.displayNames(people.stream().map(UserRef::username).toList()));
        model.addAttribute(
                "followed",
                me == null
                        ? Set.of()
                        : follows.followeesAmong(
                                me.id(), people.stream().map(UserRef::id).toList()));
        model.addAttribute(
                "returnTo",
                "/users/" + user.username() + "/" + sideName
                        + (cursor == null || cursor.isBlank() ? "" : "?cursor=" + cursor));
        model.addAttribute("next", page.next() == null ? null : page.next().encode());
        return "timeline/people";
    }

    private Map<String, String> authorNames(List<VisiblePost> posts) {
        return users.displayNames(
                posts.stream().map(VisiblePost::user).distinct().toList());
    }
}
