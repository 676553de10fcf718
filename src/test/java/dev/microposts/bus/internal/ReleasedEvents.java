package dev.microposts.bus.internal;

import dev.microposts.accounts.AdminChanged;
import dev.microposts.accounts.ProfileChanged;
import dev.microposts.accounts.UserBlocked;
import dev.microposts.accounts.UserDeleted;
import dev.microposts.accounts.UserMuted;
import dev.microposts.accounts.UserRegistered;
import dev.microposts.accounts.UserSuspended;
import dev.microposts.accounts.UserUnblocked;
import dev.microposts.accounts.UserUnmuted;
import dev.microposts.accounts.UserUnsuspended;
import dev.microposts.alerts.AlertFired;
import dev.microposts.alerts.AlertResolved;
import dev.microposts.bus.DomainEvent;
import dev.microposts.exports.ExportReady;
import dev.microposts.media.VideoFailed;
import dev.microposts.media.VideoProbed;
import dev.microposts.media.VideoReady;
import dev.microposts.moderation.ModerationActionTaken;
import dev.microposts.moderation.ReportFiled;
import dev.microposts.notifications.NotificationAdded;
import dev.microposts.posts.PostCreated;
import dev.microposts.posts.PostDeleted;
import dev.microposts.posts.PostEdited;
import dev.microposts.posts.PostLiked;
import dev.microposts.posts.PostPublished;
import dev.microposts.posts.PostReposted;
import dev.microposts.posts.PostUnliked;
import dev.microposts.posts.PostUnreposted;
import dev.microposts.timeline.UserFollowed;
import dev.microposts.timeline.UserUnfollowed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One event of every type with fixed, realistic values: the samples of a release are these events as that
 * release's producers wrote them, and today's producers are held to the same values. Nothing here is random, so
 * writing the samples twice gives the same files.
 */
final class ReleasedEvents {

    static final Instant HAPPENED = Instant.parse("2026-11-30T12:00:00Z");
    static final Instant ALERT_FIRED = Instant.parse("2026-11-30T11:55:00Z");
    static final UUID VIDEO = UUID.fromString("7d3f5b8e-2c41-4a6e-9f10-3b5c8d2e6a71");
    static final UUID SECOND_VIDEO = UUID.fromString("a1c9e4f2-6b83-4d57-8e20-5f7a9c1d3b46");
    static final long SEQUENCE = 1042;
    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private ReleasedEvents() {}

    /** The fixed event of each type, by record. */
    static Map<Class<? extends DomainEvent>, DomainEvent> all() {
        Map<Class<? extends DomainEvent>, DomainEvent> byRecord = new TreeMap<>(Comparator.comparing(Class::getName));
        Stream.<DomainEvent>of(
                        new AdminChanged(id("AdminChanged"), HAPPENED, 7, true),
                        new ProfileChanged(
                                id("ProfileChanged"), HAPPENED, 7, "Ada Lovelace", "Counting engines and kites."),
                        new UserRegistered(id("UserRegistered"), HAPPENED, 7, "ada", "Ada Lovelace"),
                        new UserDeleted(id("UserDeleted"), HAPPENED, 7, "ada"),
                        new ExportReady(
                                id("ExportReady"), HAPPENED, id("an export"), 7, HAPPENED.plus(Duration.ofDays(7))),
                        new UserSuspended(id("UserSuspended"), HAPPENED, 7, "ada"),
                        new UserUnsuspended(id("UserUnsuspended"), HAPPENED, 7, "ada"),
                        new ModerationActionTaken(
                                id("ModerationActionTaken"),
                                HAPPENED,
                                5,
                                "suspend",
                                3L,
                                "grace",
                                7L,
                                "ada",
                                null,
                                12L,
                                "Posts the same link to everyone she follows."),
                        new ReportFiled(
                                id("ReportFiled"),
                                HAPPENED,
                                12,
                                9,
                                7,
                                "ada",
                                42L,
                                "Posts the same link to everyone she follows."),
                        new AlertFired(
                                id("AlertFired"),
                                HAPPENED,
                                3,
                                "transcode-backlog",
                                "warning",
                                "Transcode backlog above 50 tasks",
                                64.0,
                                50.0,
                                "web-1"),
                        new AlertResolved(
                                id("AlertResolved"), HAPPENED, 3, "transcode-backlog", 12.0, ALERT_FIRED, "web-1"),
                        new VideoFailed(id("VideoFailed"), HAPPENED, VIDEO, 7, "The file is not a video we can read."),
                        new VideoProbed(id("VideoProbed"), HAPPENED, VIDEO, 7, 12.5, 1920, 1080, 3),
                        new VideoReady(id("VideoReady"), HAPPENED, VIDEO, 7),
                        new NotificationAdded(id("NotificationAdded"), HAPPENED, 311, 9, "followed"),
                        new PostCreated(
                                id("PostCreated"),
                                HAPPENED,
                                42,
                                7,
                                "Sunset over the harbour, filmed from the ferry",
                                41L,
                                List.of(VIDEO, SECOND_VIDEO),
                                false,
                                40L),
                        new PostDeleted(id("PostDeleted"), HAPPENED, 42, 7, List.of(VIDEO)),
                        new PostEdited(
                                id("PostEdited"),
                                HAPPENED,
                                42,
                                7,
                                2,
                                "Sunset over the harbour, filmed from the evening ferry",
                                41L,
                                List.of(43L),
                                true),
                        new PostPublished(id("PostPublished"), HAPPENED, 42, 7, 41L, 40L, 41L, List.of(43L)),
                        new PostLiked(id("PostLiked"), HAPPENED, 42, 7, 9),
                        new PostUnliked(id("PostUnliked"), HAPPENED, 42, 7, 9),
                        new PostReposted(id("PostReposted"), HAPPENED, 42, 7, 9),
                        new PostUnreposted(id("PostUnreposted"), HAPPENED, 42, 7, 9),
                        new UserFollowed(id("UserFollowed"), HAPPENED, 9, 7),
                        new UserUnfollowed(id("UserUnfollowed"), HAPPENED, 9, 7),
                        new UserBlocked(id("UserBlocked"), HAPPENED, 7, 9),
                        new UserUnblocked(id("UserUnblocked"), HAPPENED, 7, 9),
                        new UserMuted(id("UserMuted"), HAPPENED, 7, 9),
                        new UserUnmuted(id("UserUnmuted"), HAPPENED, 7, 9))
                .forEach(event -> byRecord.put(event.getClass(), event));
        return byRecord;
    }

    /** A fixed id per type, so a sample names which event it is and never changes between writes. */
    static UUID id(String record) {
        return UUID.nameUUIDFromBytes(("microposts-sample-" + record).getBytes(StandardCharsets.UTF_8));
    }
}
