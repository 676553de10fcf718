package dev.microposts.accounts.internal;

import dev.microposts.accounts.AdminChanged;
import dev.microposts.accounts.ProfileChanged;
import dev.microposts.accounts.UserDeleted;
import dev.microposts.accounts.UserNotFound;
import dev.microposts.accounts.UserRef;
import dev.microposts.accounts.UserRegistered;
import dev.microposts.bus.DomainEvent;
import dev.microposts.refusals.InvalidInput;
import dev.microposts.refusals.NotAllowed;
import dev.microposts.refusals.NotSignedIn;
import dev.microposts.refusals.Refusal;
import dev.microposts.web.UserText;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.context.ApplicationEventPublisher;
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
    private final SignUpThrottle signUps;
    private final UserDirectory directory;
    private final AccountsProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final UserSessions sessions;
    // why: checking a password against this keeps a login for an unknown user as slow as for a real one,
    // so response times do not reveal which usernames exist; made at the first such login, not at start-up,
    // where every process (workers and one-off commands too) would pay for a hash it may never need
    private volatile String decoyHash;

    AccountService(
            Accounts accounts,
            AccessTokens tokens,
            PasswordPolicy passwordPolicy,
            PasswordHashing hashing,
            LoginThrottle throttle,
            SignUpThrottle signUps,
            UserDirectory directory,
            AccountsProperties properties,
            Clock clock,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            UserSessions sessions) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.passwordPolicy = passwordPolicy;
        this.hashing = hashing;
        this.throttle = throttle;
        this.signUps = signUps;
        this.directory = directory;
        this.properties = properties;
        this.clock = clock;
        this.transactions = transactions;
        this.events = events;
        this.sessions = sessions;
    }

    /** An account made by the operator (the admin command): no limit applies. */
    Account register(String username, String password, String displayName) {
        return register(username, password, displayName, hashing::encode, () -> {});
    }

    /**
     * An account made by someone on the web: within the sign-up limit of their address, and the sign-ups'
     * share of the hashing slots. Input that would be refused anyway is refused before the limit counts it,
     * so a person correcting a typo does not use up their sign-ups.
     */
    Account signUp(String username, String password, String displayName, String clientAddress) {
        return register(username, password, displayName, hashing::encodeForSignUp, () -> signUps.admit(clientAddress));
    }

    private Account register(
            String username, String password, String displayName, UnaryOperator<String> hasher, Runnable admission) {
        List<Refusal.Field> problems = new ArrayList<>();
        UsernameRules.problemWith(username).ifPresent(p -> problems.add(new Refusal.Field("username", p)));
        passwordPolicy.problemWith(password, username).ifPresent(p -> problems.add(new Refusal.Field("password", p)));
        String name =
                displayName == null || displayName.isBlank() ? (username == null ? "" : username) : displayName.strip();
        UserText.problemWith(name, MAX_DISPLAY_NAME, false)
                .ifPresent(p -> problems.add(new Refusal.Field("display_name", p)));
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        // why: a hash is the one costly step and hashing slots are shared with logins, so a loop of sign-ups
        // for a taken name must be refused before it; the insert below still settles a race for a free name
        if (accounts.byUsername(username).isPresent()) {
            throw new UsernameTaken(username);
        }
        admission.run();
        String hash = hasher.apply(password); // why: outside the transaction, which holds a connection
        Account account = transactions.execute(status -> {
            Account created = accounts.insert(username, name, hash).orElseThrow(() -> new UsernameTaken(username));
            events.publishEvent(new UserRegistered(
                    DomainEvent.newId(), clock.instant(), created.id(), created.username(), created.displayName()));
            return created;
        });
        directory.remember(account.ref());
        return account;
    }

    /**
     * Changes the password after checking the current one, and revokes every API token and every other page
     * session of the user: whoever learned the old password may have made one, or be signed in elsewhere.
     * The session that made the change, if any, stays signed in.
     */
    void changePassword(long userId, String current, String replacement, String keptSession) {
        Account account = profile(userId);
        if (current == null || !hashing.matches(current, account.passwordHash())) {
            throw InvalidInput.of("current_password", "is not your current password");
        }
        passwordPolicy.problemWith(replacement, account.username()).ifPresent(problem -> {
            throw InvalidInput.of("password", problem);
        });
        String hash = hashing.encode(replacement);
        transactions.executeWithoutResult(status -> {
            accounts.updatePassword(userId, hash);
            tokens.revokeAll(userId);
        });
        sessions.endAllBut(account.ref(), keptSession);
    }

    /**
     * Sets a new password chosen by the operator (there is no mail to reset one with), and ends every API token
     * and page session of the user; empty when no such user exists. The password must pass the same policy as
     * any other.
     */
    Optional<Account> resetPassword(String username, String password) {
        Optional<Account> account = accounts.byUsername(username);
        if (account.isEmpty()) {
            return account;
        }
        passwordPolicy.problemWith(password, account.get().username()).ifPresent(problem -> {
            throw InvalidInput.of("password", problem);
        });
        String hash = hashing.encode(password);
        transactions.executeWithoutResult(status -> {
            accounts.updatePassword(account.get().id(), hash);
            tokens.revokeAll(account.get().id());
            sessions.endAll(account.get().ref());
        });
        return account;
    }

    /**
     * Deletes the account once its password is confirmed, guarded like a login against guessing. From the commit
     * on no one can sign in as it, its tokens and sessions are gone, and {@link UserDeleted} tells every module to
     * delete what it holds (the posts module does so within this transaction, so the posts vanish from reads at
     * once); {@link AccountPurge} deletes the row when they all have.
     */
    void deleteAccount(UserRef user, String password, String clientAddress) {
        if (password == null || password.isEmpty()) {
            throw InvalidInput.of("password", "must be given to delete your account");
        }
        long attempt = throttle.attempted(user.username(), clientAddress);
        Optional<Duration> wait = throttle.waitBefore(user.username(), clientAddress, attempt);
        if (wait.isPresent()) {
            throw new TooManyFailedLogins(wait.get());
        }
        Account account = profile(user.id());
        if (!hashing.matches(password, account.passwordHash())) {
            throw new NotAllowed("That is not your password; the account was not deleted");
        }
        UUID event = DomainEvent.newId();
        transactions.executeWithoutResult(status -> {
            if (!accounts.markDeleted(account.id(), event)) {
                throw new AccountGone();
            }
            tokens.revokeAll(account.id());
            sessions.endAll(account.ref());
            throttle.forget(account.id(), account.username());
            events.publishEvent(new UserDeleted(event, clock.instant(), account.id(), account.username()));
        });
        directory.forget(account.ref());
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
            throw wrongCredentials();
        }
        // the attempt is recorded before it is judged, so a burst of parallel guesses is counted too
        long attempt = throttle.attempted(username, clientAddress);
        Optional<Duration> wait = throttle.waitBefore(username, clientAddress, attempt);
        if (wait.isPresent()) {
            throw new TooManyFailedLogins(wait.get());
        }
        Optional<Account> account = accounts.byUsername(username);
        boolean matches =
                hashing.matches(password, account.map(Account::passwordHash).orElseGet(this::decoyHash));
        if (account.isEmpty() || !matches) {
            throw wrongCredentials();
        }
        throttle.succeeded(account.get().id(), account.get().username(), clientAddress);
        rehashIfOutdated(account.get(), password);
        return account.get();
    }

    /**
     * The password is known only at a login, so that is when a hash stored with parameters weaker than
     * today's is replaced. A failure to rehash costs nothing but the upgrade: the login itself succeeded.
     */
    private void rehashIfOutdated(Account account, String password) {
        if (!hashing.outdated(account.passwordHash())) {
            return;
        }
        try {
            accounts.rehashPassword(account.id(), account.passwordHash(), hashing.encode(password));
        } catch (HashingSlotsTaken busy) {
            // why: all hashing slots are taken; the next login tries again
        }
    }

    private static NotSignedIn wrongCredentials() {
        return new NotSignedIn("Wrong username or password");
    }

    private String decoyHash() {
        String decoy = decoyHash;
        if (decoy == null) {
            synchronized (this) {
                decoy = decoyHash;
                if (decoy == null) {
                    decoy = hashing.encode("decoy password for unknown users");
                    decoyHash = decoy;
                }
            }
        }
        return decoy;
    }

    IssuedToken issueToken(UserRef user) {
        Duration lifetime = properties.tokenLifetime();
        return new IssuedToken(tokens.issue(user.id(), clock.instant().plus(lifetime)), lifetime);
    }

    boolean revokeToken(String token) {
        return tokens.revoke(token);
    }

    Account profile(long userId) {
        return accounts.byId(userId).orElseThrow(AccountGone::new);
    }

    Account profile(String username) {
        return accounts.byUsername(username).orElseThrow(() -> new UserNotFound(username));
    }

    Account updateProfile(long userId, Optional<String> displayName, Optional<String> bio) {
        Account current = profile(userId);
        String name = displayName.map(String::strip).orElse(current.displayName());
        String newBio = bio.orElse(current.bio());
        List<Refusal.Field> problems = new ArrayList<>();
        UserText.problemWith(name, MAX_DISPLAY_NAME, false)
                .ifPresent(p -> problems.add(new Refusal.Field("display_name", p)));
        UserText.problemWith(newBio, MAX_BIO, true).ifPresent(p -> problems.add(new Refusal.Field("bio", p)));
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return transactions.execute(status -> {
            Account updated = accounts.updateProfile(userId, name, newBio);
            events.publishEvent(new ProfileChanged(
                    DomainEvent.newId(), clock.instant(), userId, updated.displayName(), updated.bio()));
            return updated;
        });
    }

    record IssuedToken(String token, Duration lifetime) {}
}
