package dev.microposts.accounts;

import dev.microposts.web.Page;
import dev.microposts.web.PageRequest;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Looks users up for other modules. Answers come from a cache: usernames and ids never change. */
public interface Users {

    /** The user with this username, compared case-insensitively. */
    Optional<UserRef> byUsername(String username);

    /** The user with this username; {@link UserNotFound} naming it when there is none. */
    UserRef requireByUsername(String username);

    /**
     * The profile of the user with this username, read fresh (it changes); {@link UserNotFound} naming it when
     * there is none.
     */
    Profile requireProfile(String username);

    /** The users with these ids; ids of users that do not exist are absent from the map. */
    Map<Long, UserRef> byIds(Collection<Long> ids);

    /**
     * People whose username or display name contains {@code query}, ignoring case and a leading {@code @}:
     * the user with that very username first, then usernames starting with it, then display names with a
     * word starting with it, then the rest. A blank or overlong query is refused as
     * {@link dev.microposts.refusals.InvalidInput} naming {@code q}.
     */
    Page<Profile> search(String query, PageRequest page);

    /**
     * The display names of these users, keyed by username as registered, read fresh (they change); usernames
     * of users that do not exist are absent from the map.
     */
    Map<String, String> displayNames(Collection<String> usernames);

    /** The ids of the users who are admins now, read fresh (an admin can be made or unmade at any time). */
    List<Long> adminIds();
}
