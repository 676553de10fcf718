package dev.microposts.accounts.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.microposts.accounts.Profile;
import dev.microposts.accounts.UserNotFound;
import dev.microposts.accounts.UserRef;
import dev.microposts.accounts.Users;
import dev.microposts.refusals.InvalidInput;
import dev.microposts.web.Page;
import dev.microposts.web.PageRequest;
import dev.microposts.web.UserText;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * {@link Users} backed by the {@code users} table and a bounded in-memory cache. Caching is safe
 * across processes because a user's id and username never change once registered; entries expire, so a deleted
 * account leaves every process's cache too.
 */
@Service
class UserDirectory implements Users {

    /** As long as a post search may be, so one query serves the search page's people and posts alike. */
    private static final int MAX_QUERY = 200;

    /** How long another process may still resolve a deleted account's name from its cache. */
    private static final Duration FORGOTTEN_AFTER = Duration.ofMinutes(10);

    private final Accounts accounts;
    private final Cache<String, UserRef> byUsername = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(FORGOTTEN_AFTER)
            .build();
    private final Cache<Long, UserRef> byId = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(FORGOTTEN_AFTER)
            .build();

    UserDirectory(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<UserRef> byUsername(String username) {
        String key = username.toLowerCase(Locale.ROOT);
        UserRef cached = byUsername.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<UserRef> found = accounts.byUsername(username).map(Account::ref);
        found.ifPresent(this::remember);
        return found;
    }

    /**
     * Drops a deleted user from this process's cache. Other processes may still resolve the name from theirs for
     * up to {@link #FORGOTTEN_AFTER}, and find nothing of the user's behind it.
     */
    void forget(UserRef user) {
        byUsername.invalidate(user.username().toLowerCase(Locale.ROOT));
        byId.invalidate(user.id());
    }

    @Override
    public Profile requireProfile(String username) {
        return accounts.byUsername(username)
                .map(a -> new Profile(a.id(), a.username(), a.displayName(), a.bio(), a.createdAt()))
                .orElseThrow(() -> new UserNotFound(username));
    }

    @Override
    public UserRef requireByUsername(String username) {
        return byUsername(username).orElseThrow(() -> new UserNotFound(username));
    }

    @Override
    public Map<Long, UserRef> byIds(Collection<Long> ids) {
        Map<Long, UserRef> found = new HashMap<>();
        List<Long> missing = new java.util.ArrayList<>();
        for (Long id : ids) {
            UserRef cached = byId.getIfPresent(id);
            if (cached != null) {
                found.put(id, cached);
            } else if (!missing.contains(id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            for (Account account : accounts.byIds(missing)) {
                remember(account.ref());
                found.put(account.id(), account.ref());
            }
        }
        return found;
    }

    @Override
    public Page<Profile> search(String query, PageRequest page) {
        return matching(query, page)
                .map(a -> new Profile(a.id(), a.username(), a.displayName(), a.bio(), a.createdAt()));
    }

    /** What {@link #search} finds, as the accounts module stores it. */
    Page<Account> matching(String query, PageRequest page) {
        String text = query == null ? "" : query.strip();
        // why: people often type a username the way posts show it, with its @
        if (text.startsWith("@")) {
            text = text.substring(1).strip();
        }
        UserText.problemWith(text, MAX_QUERY, false).ifPresent(problem -> {
            throw InvalidInput.of("q", problem);
        });
        return Page.of(accounts.matching(text, page.cursor(), page.limit()), page.limit(), Accounts.Ranked::position)
                .map(Accounts.Ranked::account);
    }

    @Override
    public Map<String, String> displayNames(Collection<String> usernames) {
        return usernames.isEmpty() ? Map.of() : accounts.displayNames(usernames);
    }

    @Override
    public List<Long> adminIds() {
        return accounts.adminIds();
    }

    void remember(UserRef user) {
        byUsername.put(user.username().toLowerCase(Locale.ROOT), user);
        byId.put(user.id(), user);
    }
}
