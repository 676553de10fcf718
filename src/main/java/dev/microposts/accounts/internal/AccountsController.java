package dev.microposts.accounts.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.accounts.web.UserLinks;
import dev.microposts.refusals.NotSignedIn;
import dev.microposts.web.ApiLimits;
import dev.microposts.web.PageRequest;
import dev.microposts.web.PagedResponses;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Registration, tokens and profiles. */
@RestController
@RequestMapping("/api/v1")
class AccountsController {

    private final AccountService accounts;
    private final UserDirectory directory;
    private final ApiLimits limits;
    private final UserLinks links;

    AccountsController(AccountService accounts, UserDirectory directory, ApiLimits limits, UserLinks links) {
        this.links = links;
        this.accounts = accounts;
        this.directory = directory;
        this.limits = limits;
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<Profile> register(@RequestBody Registration registration, HttpServletRequest request) {
        Account account = accounts.signUp(
                registration.username(), registration.password(), registration.displayName(), request.getRemoteAddr());
        return ResponseEntity.created(links.userUri(account.username())).body(Profile.of(account, links));
    }

    @GetMapping("/users/{username}")
    Profile profile(@PathVariable String username) {
        return Profile.of(accounts.profile(username), links);
    }

    /**
     * People whose username or display name contains {@code q}, ignoring case: the user with that very
     * username first, then usernames starting with it, then display names with a word starting with it,
     * then the rest.
     */
    @GetMapping("/search/accounts")
    ResponseEntity<List<Profile>> searchAccounts(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return PagedResponses.of(directory
                .matching(q, PageRequest.of(cursor, limit, limits))
                .map(account -> Profile.of(account, links)));
    }

    @GetMapping("/me")
    Profile me(@AuthenticationPrincipal UserRef user) {
        return Profile.of(accounts.profile(user.id()), links);
    }

    @PatchMapping("/me")
    Profile updateMe(@AuthenticationPrincipal UserRef user, @RequestBody ProfileChange change) {
        return Profile.of(
                accounts.updateProfile(
                        user.id(), Optional.ofNullable(change.displayName()), Optional.ofNullable(change.bio())),
                links);
    }

    /**
     * Deletes the signed-in member's account, once its password is confirmed: at once it can no longer sign in
     * and its posts are gone from every read; its videos, follows and notifications follow within seconds (see
     * the {@code microposts.user.deleted} event). A wrong password is refused with 403 and counts towards the
     * same throttle as a failed login.
     */
    @DeleteMapping("/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteMe(
            @AuthenticationPrincipal UserRef user,
            @RequestBody(required = false) Deletion deletion,
            HttpServletRequest request) {
        accounts.deleteAccount(user, deletion == null ? null : deletion.password(), request.getRemoteAddr());
    }

    @PostMapping("/token")
    Token token(@RequestBody Credentials credentials, HttpServletRequest request) {
        UserRef user = accounts.authenticate(credentials.username(), credentials.password(), request.getRemoteAddr())
                .ref();
        AccountService.IssuedToken issued = accounts.issueToken(user);
        return new Token(issued.token(), "Bearer", issued.lifetime().toSeconds());
    }

    @DeleteMapping("/token")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        if (!accounts.revokeToken(BearerTokenFilter.tokenFrom(authorization).orElse(""))) {
            throw new NotSignedIn("The token is not valid");
        }
    }

    record Registration(
            String username,

            @Schema(minLength = PasswordPolicy.MIN_LENGTH, maxLength = PasswordPolicy.MAX_LENGTH)
            String password,

            String displayName) {}

    record Credentials(String username, String password) {}

    /** The account's password, asked again before it is deleted. */
    record Deletion(String password) {}

    record ProfileChange(String displayName, String bio) {}

    record Token(String accessToken, String tokenType, long expiresIn) {}

    record Profile(String username, String displayName, String bio, Instant createdAt, String href, String collection) {
        static Profile of(Account account, UserLinks links) {
            String base = links.user(account.username());
            return new Profile(
                    account.username(),
                    account.displayName(),
                    account.bio(),
                    account.createdAt(),
                    base,
                    links.under(account.username(), "/collection").toString());
        }
    }
}
