package dev.microposts.accounts.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.web.ApiProblem;
import dev.microposts.web.UserText;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The accounts use cases: register, log in, log out, edit a profile, change a password. */
@Service
class AccountService {

    static final int MAX_DISPLAY_NAME = 50;
    static final int MAX_BIO = 500;

    private final Accounts accounts;
    private final AccessTokens tokens;
    private final PasswordPolicy passwordPolicy;
    private final PasswordEncoder passwordEncoder;
    private final LoginThrottle throttle;
    private final UserDirectory directory;
    private final AccountsProperties properties;
    private final Clock clock;
    // why: checking a password against this keeps a login for an unknown user as slow as for a real one,
    // so response times do not reveal which usernames exist
    private final String decoyHash;

    AccountService(
            Accounts accounts,
            AccessTokens tokens,
            PasswordPolicy passwordPolicy,
            PasswordEncoder passwordEncoder,
            LoginThrottle throttle,
            UserDirectory directory,
            AccountsProperties properties,
            Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.passwordPolicy = passwordPolicy;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.directory = directory;
        this.properties = properties;
        this.clock = clock;
        this.decoyHash = passwordEncoder.encode("decoy password for unknown users");
    }

    Account register(String username, String password, String displayName) {
        List<ApiProblem.FieldProblem> problems = new ArrayList<>();
        UsernameRules.problemWith(username).ifPresent(p -> problems.add(new ApiProblem.FieldProblem("username", p)));
        passwordPolicy
                .problemWith(password, username)
                .ifPresent(p -> problems.add(new ApiProblem.FieldProblem("password", p)));
        String name =
                displayName == null || displayName.isBlank() ? (username == null ? "" : username) : displayName.strip();
        UserText.problemWith(name, MAX_DISPLAY_NAME, false)
                .ifPresent(p -> problems.add(new ApiProblem.FieldProblem("display_name", p)));
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
        Account account = accounts.insert(username, name, passwordEncoder.encode(password))
                .orElseThrow(() -> ApiProblem.conflict("The username '" + username + "' is already taken"));
        directory.remember(account.ref());
        return account;
    }

    /** Checks a password, within the throttle; the answer is the same for a wrong user or password. */
    @Transactional(noRollbackFor = ApiProblem.class)
    public UserRef authenticate(String username, String password, String clientAddress) {
        if (username == null || password == null || username.isEmpty() || username.length() > 100) {
            throw ApiProblem.unauthorized("Wrong username or password");
        }
        Optional<Duration> wait = throttle.waitBefore(username, clientAddress);
        if (wait.isPresent()) {
            throw TooManyAttempts.retryAfter(wait.get());
        }
        Optional<Account> account = accounts.byUsername(username);
        boolean matches = passwordEncoder.matches(
                password, account.map(Account::passwordHash).orElse(decoyHash));
        if (account.isEmpty() || !matches) {
            throttle.failed(username, clientAddress);
            throw ApiProblem.unauthorized("Wrong username or password");
        }
        throttle.succeeded(account.get().id(), account.get().username(), clientAddress);
        return account.get().ref();
    }

    IssuedToken issueToken(UserRef user) {
        Duration lifetime = properties.tokenLifetime();
        return new IssuedToken(tokens.issue(user.id(), clock.instant().plus(lifetime)), lifetime);
    }

    boolean revokeToken(String token) {
        return tokens.revoke(token);
    }

    Account profile(long userId) {
        return accounts.byId(userId).orElseThrow(() -> ApiProblem.notFound("This account no longer exists"));
    }

    Account profile(String username) {
        return accounts.byUsername(username)
                .orElseThrow(() -> ApiProblem.notFound("There is no user named '" + username + "'"));
    }

    Account updateProfile(long userId, Optional<String> displayName, Optional<String> bio) {
        Account current = profile(userId);
        String name = displayName.map(String::strip).orElse(current.displayName());
        String newBio = bio.orElse(current.bio());
        List<ApiProblem.FieldProblem> problems = new ArrayList<>();
        UserText.problemWith(name, MAX_DISPLAY_NAME, false)
                .ifPresent(p -> problems.add(new ApiProblem.FieldProblem("display_name", p)));
        UserText.problemWith(newBio, MAX_BIO, true).ifPresent(p -> problems.add(new ApiProblem.FieldProblem("bio", p)));
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
        return accounts.updateProfile(userId, name, newBio);
    }

    record IssuedToken(String token, Duration lifetime) {}

    /** 429 with {@code Retry-After}. */
    static final class TooManyAttempts {
        static ApiProblem retryAfter(Duration wait) {
            long seconds = Math.max(1, wait.toSeconds() + (wait.toMillisPart() > 0 ? 1 : 0));
            ApiProblem problem = new ApiProblem(
                    HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins; try again in " + seconds + " seconds");
            problem.getHeaders().set("Retry-After", String.valueOf(seconds));
            return problem;
        }

        private TooManyAttempts() {}
    }
}
