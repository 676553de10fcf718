package dev.microposts.accounts;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Looks users up for other modules. Answers come from a cache: usernames and ids never change. */
public interface Users {

    /** The user with this username, compared case-insensitively. */
    Optional<UserRef> byUsername(String username);

    /** The user with this username, or a 404 problem naming it. */
    UserRef requireByUsername(String username);

    /** The profile of the user with this username, read fresh (it changes), or a 404 problem naming it. */
    Profile requireProfile(String username);

    /** The users with these ids; ids of users that do not exist are absent from the map. */
    Map<Long, UserRef> byIds(Collection<Long> ids);

    /** The ids of the users who are admins now, read fresh (an admin can be made or unmade at any time). */
    List<Long> adminIds();
}
