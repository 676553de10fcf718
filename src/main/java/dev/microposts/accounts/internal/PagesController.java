package dev.microposts.accounts.internal;

import dev.microposts.accounts.UserRef;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in pages; the rest of the site's pages build on the session they create. */
@Controller
class PagesController {

    @GetMapping("/")
    String home(@AuthenticationPrincipal UserRef user, Model model) {
        model.addAttribute("user", user);
        return "index";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
