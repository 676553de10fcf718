package dev.microposts.accounts.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.web.ApiLimits;
import dev.microposts.web.Page;
import dev.microposts.web.PageController;
import dev.microposts.web.PageRequest;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The block and mute buttons of a profile (plain forms, so they work without JavaScript) and the settings page
 * listing whom one blocked or muted, with a button to undo each.
 */
@PageController
class RelationPages {

    /** The one page besides a profile that a button may send the browser back to. */
    private static final String LIST = "/settings/blocked";

    private final RelationService relations;
    private final ApiLimits limits;

    RelationPages(RelationService relations, ApiLimits limits) {
        this.relations = relations;
        this.limits = limits;
    }

    @PostMapping("/users/{username}/block")
    String block(@AuthenticationPrincipal UserRef me, @PathVariable String username) {
        relations.block(me, username);
        return "redirect:/users/" + username;
    }

    @PostMapping("/users/{username}/unblock")
    String unblock(
            @AuthenticationPrincipal UserRef me,
            @PathVariable String username,
            @RequestParam(name = "return_to", required = false) String returnTo) {
        relations.unblock(me, username);
        return back(returnTo, username);
    }

    @PostMapping("/users/{username}/mute")
    String mute(@AuthenticationPrincipal UserRef me, @PathVariable String username) {
        relations.mute(me, username);
        return "redirect:/users/" + username;
    }

    @PostMapping("/users/{username}/unmute")
    String unmute(
            @AuthenticationPrincipal UserRef me,
            @PathVariable String username,
            @RequestParam(name = "return_to", required = false) String returnTo) {
        relations.unmute(me, username);
        return back(returnTo, username);
    }

    /** Whom the user blocked and muted, most recent first, a page of each. */
    @GetMapping(LIST)
    String list(
            @AuthenticationPrincipal UserRef me,
            @RequestParam(name = "blocks_cursor", required = false) String blocksCursor,
            @RequestParam(name = "mutes_cursor", required = false) String mutesCursor,
            Model model) {
        Page<RelationService.Link> blocked =
                relations.list(StoredRelations.Kind.BLOCK, me, PageRequest.of(blocksCursor, null, limits));
        Page<RelationService.Link> muted =
                relations.list(StoredRelations.Kind.MUTE, me, PageRequest.of(mutesCursor, null, limits));
        model.addAttribute("blocked", usernames(blocked));
        model.addAttribute(
                "blocksNext", blocked.next() == null ? null : blocked.next().encode());
        model.addAttribute("muted", usernames(muted));
        model.addAttribute(
                "mutesNext", muted.next() == null ? null : muted.next().encode());
        return "accounts/blocked";
    }

    private static List<String> usernames(Page<RelationService.Link> page) {
        return page.items().stream().map(link -> link.user().username()).toList();
    }

    /** Back to the settings list when the button was there, else to the profile; nowhere else. */
    private static String back(String returnTo, String username) {
        return "redirect:" + (LIST.equals(returnTo) ? LIST : "/users/" + username);
    }
}
