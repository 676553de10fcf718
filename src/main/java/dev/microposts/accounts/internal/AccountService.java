package dev.microposts.accounts.internal;

import dev.microposts.accounts.AdminChanged;
import dev.microposts.accounts.ProfileChanged;
import dev.microposts.accounts.UserRef;
import dev.microposts.accounts.UserRegistered;
import dev.microposts.bus.DomainEvent;
import dev.microposts.web.ApiProblem;
import dev.microposts.web.UserText;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** The accounts use cases: register, log in, log out, edit a profile. */
@Service
class AccountService {

    static final int MAX_DISPLAY_NAME = 50;
    static final int MAX_BIO = 500;

    private final Accounts accounts;
    private final AccessTokens tokens;
    private final PasswordPolicy passwordPolicy;
    private final PasswordHashing hashing;
    private final LoginThrottle throttle;
    private final UserDirectory directory;
    private final AccountsProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    // why: checking a password against this keeps a login for an unknown user as slow as for a real one,
    // so response times do not reveal which usernames exist
    private final String decoyHash;

    AccountService(
            Accounts accounts,
            AccessTokens tokens,
            PasswordPolicy passwordPolicy,
            PasswordHashing hashing,
            LoginThrottle throttle,
            UserDirectory directory,
            AccountsProperties properties,
            Clock clock,
            TransactionTemplate transactions,
            ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.passwordPolicy = passwordPolicy;
        this.hashing = hashing;
        this.throttle = throttle;
        this.directory = directory;
        this.properties = properties;
        this.clock = clock;
        this.transactions = transactions;
        this.events = events;
        this.decoyHash = hashing.encode("decoy password for unknown users");
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
        String hash = hashing.encode(password); // why: outside the transaction, which holds a connection
        Account account = transactions.execute(status -> {
            Account created = accounts.insert(username, name, hash)
                    .orElseThrow(() -> ApiProblem.conflict("The username '" + username + "' is already taken"));
            events.publishEvent(new UserRegistered(
                    DomainEvent.newId(), clock.instant(), created.id(), created.username(), created.displayName()));
            return created;
        });
        directory.remember(account.ref());
        return account;
    }

    /**
     * Changes the password after checking the current one, and revokes every API token of the user: whoever
     * learned the old password may have made one.
     */
    void changePassword(long userId, String current, String replacement) {
        Account account = profile(userId);
        if (current == null || !hashing.matches(current, account.passwordHash())) {
            throw ApiProblem.invalid("current_password", "is not your current password");
        }
        passwordPolicy.problemWith(replacement, account.username()).ifPresent(problem -> {
            throw ApiProblem.invalid("password", problem);
        });
        String hash = hashing.encode(replacement);
        transactions.executeWithoutResult(status -> {
            accounts.updatePassword(userId, hash);
            tokens.revokeAll(userId);
        });
    }

    /** Makes the user an admin, or takes it back; empty when no such user exists. */
    Optional<Account> setAdmin(String username, boolean admin) {
        return transactions.execute(status -> {
            Optional<Account> changed = accounts.setAdmin(username, admin);
            changed.ifPresent(account ->
                    events.publishEvent(new AdminChanged(DomainEvent.newId(), clock.instant(), account.id(), admin)));
            return changed;
        });
    }

    /**
     * Checks a password, within the throttle; the answer is the same for a wrong user or password.
     *
     * <p>No transaction: a connection is not held while the password hash is computed, and each
     * statement commits on its own so a failed attempt stays recorded.
     */
    Account authenticate(String username, String password, String clientAddress) {
        if (username == null || password == null || !UsernameRules.couldBeUsername(username)) {
            // why: only ASCII names can exist, so nothing else needs a lookup, a hash or a throttle key
            // (a database with another collation could map a non-ASCII name onto a real account)
            throw ApiProblem.unauthorized("Wrong username or password");
        }
        // the attempt is recorded before it is judged, so a burst of parallel guesses is counted too
        long attempt = throttle.attempted(username, clientAddress);
        Optional<Duration> wait = throttle.waitBefore(username, clientAddress, attempt);
        if (wait.isPresent()) {
            throw TooManyAttempts.retryAfter(wait.get());
        }
        Optional<Account> account = accounts.byUsername(username);
        boolean matches =
                hashing.matches(password, account.map(Account::passwordHash).orElse(decoyHash));
        if (account.isEmpty() || !matches) {
            throw ApiProblem.unauthorized("Wrong username or password");
        }
        throttle.succeeded(account.get().id(), account.get().username(), clientAddress);
        return account.get();
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
        return transactions.execute(status -> {
            Account updated = accounts.updateProfile(userId, name, newBio);
            events.publishEvent(new ProfileChanged(
                    DomainEvent.newId(), clock.instant(), userId, updated.displayName(), updated.bio()));
            return updated;
        });
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
