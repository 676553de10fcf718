package dev.microposts.accounts;

import java.time.Instant;

/** What a profile page shows of a user. */
public record Profile(long id, String username, String displayName, String bio, Instant createdAt) {}
