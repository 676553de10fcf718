package dev.microposts.accounts.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.refusals.InvalidInput;
import dev.microposts.refusals.Refusal;
import dev.microposts.web.ApiProblem;
import dev.microposts.web.FormErrors;
import dev.microposts.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The account pages: sign up, log in (the form posts to Spring Security), and settings. */
@PageController
class PagesController {

    /** How the sign-up form's errors name its fields. */
    private static final Map<String, String> SIGNUP_FIELDS =
            Map.of("username", "Your username", "password", "Your password", "display_name", "Your display name");

    private static final Map<String, String> PROFILE_FIELDS =
            Map.of("display_name", "Your display name", "bio", "Your bio");

    private static final Map<String, String> PASSWORD_FIELDS =
            Map.of("current_password", "The password you typed", "password", "The new password");

    private static final Map<String, String> DELETION_FIELDS =
            Map.of("password", "Your password", "confirm", "Deleting");

    private final AccountService accounts;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    PagesController(AccountService accounts) {
        this.accounts = accounts;
    }

    /** The sign-up and settings pages state the password rule the service enforces, not a copy of it. */
    @ModelAttribute("passwordMinLength")
    int passwordMinLength() {
        return PasswordPolicy.MIN_LENGTH;
    }

    @GetMapping("/login")
    String login() {
        return "accounts/login";
    }

    @GetMapping("/signup")
    String signup() {
        return "accounts/signup";
    }

    /** Registers, then signs the new user in on a fresh session, as the login form would. */
    @PostMapping("/signup")
    String register(
            @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(name = "display_name", defaultValue = "") String displayName,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Account account;
        try {
            account = accounts.signUp(username.strip(), password, displayName, request.getRemoteAddr());
        } catch (Refusal refusal) {
            Map<String, String> errors = FormErrors.sentences(refusal, SIGNUP_FIELDS);
            if (refusal instanceof UsernameTaken) {
                // why: a taken name is about the username field, where the person will look to change it
                errors = Map.of(
                        "username", "The username '" + username.strip() + "' is already taken; choose another one.");
            }
            model.addAttribute("errors", errors);
            model.addAttribute("username", username);
            model.addAttribute("displayName", displayName);
            // why: the page answers with the status and wait the API would, so scripts and proxies read it alike
            ApiProblem problem = ApiProblem.from(refusal);
            response.setStatus(problem.getStatusCode().value());
            String retryAfter = problem.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
            if (retryAfter != null) {
                response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter);
            }
            return "accounts/signup";
        }
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(account.ref(), null, Roles.of(account.admin())));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        return "redirect:/";
    }

    @GetMapping("/settings")
    String settings(@AuthenticationPrincipal UserRef me, Model model) {
        Account account = accounts.profile(me.id());
        model.addAttribute("displayName", account.displayName());
        model.addAttribute("bio", account.bio());
        return "accounts/settings";
    }

    @PostMapping("/settings/profile")
    String saveProfile(
            @AuthenticationPrincipal UserRef me,
            @RequestParam(name = "display_name", defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String bio,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        try {
            accounts.updateProfile(me.id(), Optional.of(displayName), Optional.of(bio));
        } catch (Refusal refusal) {
            model.addAttribute("errors", FormErrors.sentences(refusal, PROFILE_FIELDS));
            model.addAttribute("displayName", displayName);
            model.addAttribute("bio", bio);
            response.setStatus(ApiProblem.from(refusal).getStatusCode().value());
            return "accounts/settings";
        }
        redirect.addFlashAttribute("notice", "Your profile is saved.");
        return "redirect:/settings";
    }

    @PostMapping("/settings/password")
    String changePassword(
            @AuthenticationPrincipal UserRef me,
            @RequestParam(name = "current_password", defaultValue = "") String current,
            @RequestParam(defaultValue = "") String password,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        try {
            HttpSession session = request.getSession(false);
            accounts.changePassword(me.id(), current, password, session == null ? null : session.getId());
        } catch (Refusal refusal) {
            Account account = accounts.profile(me.id());
            model.addAttribute("passwordErrors", FormErrors.sentences(refusal, PASSWORD_FIELDS));
            model.addAttribute("displayName", account.displayName());
            model.addAttribute("bio", account.bio());
            response.setStatus(ApiProblem.from(refusal).getStatusCode().value());
            return "accounts/settings";
        }
        redirect.addFlashAttribute(
                "notice", "Your password is changed. Your other sessions were signed out and your API tokens revoked.");
        return "redirect:/settings";
    }

    /**
     * Deletes the account after the password and a ticked confirmation, then ends this session here too (its row
     * is gone already) and says goodbye. A form, so it works without a script; a refusal shows the settings page
     * again with the reason, answered with the status the API would give.
     */
    @PostMapping("/settings/delete")
    String deleteAccount(
            @AuthenticationPrincipal UserRef me,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(required = false) String confirm,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        try {
            if (confirm == null) {
                throw InvalidInput.of("confirm", "needs the box ticked that says you understand it cannot be undone");
            }
            accounts.deleteAccount(me, password, request.getRemoteAddr());
        } catch (Refusal refusal) {
            Account account = accounts.profile(me.id());
            model.addAttribute("deletionErrors", FormErrors.sentences(refusal, DELETION_FIELDS));
            model.addAttribute("displayName", account.displayName());
            model.addAttribute("bio", account.bio());
            ApiProblem problem = ApiProblem.from(refusal);
            response.setStatus(problem.getStatusCode().value());
            String retryAfter = problem.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
            if (retryAfter != null) {
                response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter);
            }
            return "accounts/settings";
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return "redirect:/goodbye";
    }

    /** Where a deleted account's last page leads: anyone may see it, since no one is signed in any more. */
    @GetMapping("/goodbye")
    String goodbye() {
        return "accounts/goodbye";
    }
}
