package dev.microposts.moderation.internal;

import java.util.Locale;

/** What a moderator can do, named as the audit log, the API and the bus name it. */
enum Action {
    REMOVE_POST,
    SUSPEND,
    UNSUSPEND,
    DISMISS;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Action of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
