-- The bus log becomes the only record of events: each in-process consumer reads it from its own position
-- instead of a publication row per event and listener (the registry) plus an inbox row per delivery.
--
-- Positions are (tx, seq): the id of the transaction that logged the event, then its sequence number. A consumer
-- only reads events whose transaction is older than every transaction still running
-- (pg_snapshot_xmin(pg_current_snapshot())), so no event can later appear behind a position: sequence numbers alone
-- are taken at insert, not at commit, and would let a slow transaction's event slip behind one already read.
alter table bus_events add column tx xid8 not null default pg_current_xact_id();
create index bus_events_position on bus_events (tx, seq);

create table bus_positions (
    consumer        text        primary key,
    -- the listener method, and the event types it reads (for the operator's count of what it still owes)
    listener        text        not null,
    types           text[]      not null,
    tx              xid8        not null,
    seq             bigint      not null,
    -- failed passes in a row (the relay's broker outages), when to try again, and why the last one failed
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    updated_at      timestamptz not null default now()
);

-- an event whose listener threw: set aside, so the consumer goes on, and retried with backoff until it applies
create table bus_failures (
    id              uuid        primary key,
    consumer        text        not null,
    event_seq       bigint      not null,
    attempts        int         not null,
    next_attempt_at timestamptz not null,
    last_error      text,
    failed_at       timestamptz not null default now(),
    unique (consumer, event_seq)
);
create index bus_failures_due on bus_failures (next_attempt_at);

-- The events logged so far were delivered by the registry: the consumers of this release start after them.
insert into bus_positions (consumer, listener, types, tx, seq)
select consumer, listener, types, pg_current_xact_id(), (select coalesce(max(seq), 0) from bus_events)
from (values
    ('timeline.published', 'dev.microposts.timeline.internal.TimelineReactions.on(java.util.List)', array['microposts.post.published']),
    ('timeline.deleted', 'dev.microposts.timeline.internal.TimelineReactions.on(dev.microposts.posts.PostDeleted)', array['microposts.post.deleted']),
    ('timeline.followed', 'dev.microposts.timeline.internal.TimelineReactions.on(dev.microposts.timeline.UserFollowed)', array['microposts.user.followed']),
    ('timeline.unfollowed', 'dev.microposts.timeline.internal.TimelineReactions.on(dev.microposts.timeline.UserUnfollowed)', array['microposts.user.unfollowed']),
    ('notifications.followed', 'dev.microposts.notifications.internal.NotificationReactions.on(dev.microposts.timeline.UserFollowed)', array['microposts.user.followed']),
    ('notifications.referenced', 'dev.microposts.notifications.internal.NotificationReactions.on(dev.microposts.posts.PostPublished)', array['microposts.post.published']),
    ('notifications.video_ready', 'dev.microposts.notifications.internal.NotificationReactions.on(dev.microposts.media.VideoReady)', array['microposts.video.ready']),
    ('notifications.video_failed', 'dev.microposts.notifications.internal.NotificationReactions.on(dev.microposts.media.VideoFailed)', array['microposts.video.failed']),
    ('notifications.alert', 'dev.microposts.notifications.internal.NotificationReactions.on(dev.microposts.alerts.AlertFired)', array['microposts.alert.fired'])
) as c (consumer, listener, types);

-- ... except the deliveries the registry had not completed: they become failures, retried at once
insert into bus_failures (id, consumer, event_seq, attempts, next_attempt_at, last_error)
select gen_random_uuid(), c.consumer, e.seq, coalesce(p.completion_attempts, 0), now(), 'carried over from the registry'
from event_publication p
join bus_events e on e.id = cast(cast(p.serialized_event as jsonb) ->> 'id' as uuid)
join (values
    ('TimelineReactions.on(dev.microposts.posts.PostPublished)', 'timeline.published'),
    ('TimelineReactions.on(dev.microposts.posts.PostDeleted)', 'timeline.deleted'),
    ('TimelineReactions.on(dev.microposts.timeline.UserFollowed)', 'timeline.followed'),
    ('TimelineReactions.on(dev.microposts.timeline.UserUnfollowed)', 'timeline.unfollowed'),
    ('NotificationReactions.on(dev.microposts.timeline.UserFollowed)', 'notifications.followed'),
    ('NotificationReactions.on(dev.microposts.posts.PostPublished)', 'notifications.referenced'),
    ('NotificationReactions.on(dev.microposts.media.VideoReady)', 'notifications.video_ready'),
    ('NotificationReactions.on(dev.microposts.media.VideoFailed)', 'notifications.video_failed'),
    ('NotificationReactions.on(dev.microposts.alerts.AlertFired)', 'notifications.alert')
) as c (method, consumer) on p.listener_id like '%.' || c.method
where p.completion_date is null
on conflict do nothing;

-- The relay is a consumer of every type: it starts at the oldest event the broker has not taken.
insert into bus_positions (consumer, listener, types, tx, seq)
select 'bus.relay', 'dev.microposts.bus.internal.Relay', array[]::text[], pg_current_xact_id(),
       coalesce((select min(seq) - 1 from bus_events where sent_at is null),
                (select coalesce(max(seq), 0) from bus_events));

alter table bus_events drop column sent_at, drop column send_attempts, drop column next_attempt_at,
    drop column last_error;

drop table event_publication;
drop table event_inbox;
