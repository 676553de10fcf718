-- Conversation: replies, likes and reposts.
-- A reply names the post it answers; when that post is deleted the reply stays, no longer part of a thread.
alter table posts add column in_reply_to_id bigint references posts (id) on delete set null;

-- One row per person and post they like: the primary key makes liking twice a no-op, and the count of a post's
-- likes an index-only count over its own range of the key, so a thousand likes a second on one post never
-- queue on a counter in the post's row.
create table likes (
    post_id    bigint      not null references posts (id) on delete cascade,
    user_id    bigint      not null references users (id) on delete cascade,
    created_at timestamptz not null default now(),
    primary key (post_id, user_id)
);
create index likes_user on likes (user_id, post_id);

-- One row per person and post they reposted, counted the same way as likes.
create table reposts (
    post_id    bigint      not null references posts (id) on delete cascade,
    user_id    bigint      not null references users (id) on delete cascade,
    created_at timestamptz not null default now(),
    primary key (post_id, user_id)
);
create index reposts_user on reposts (user_id, post_id);

-- Reposts in home timelines: a row per reader and post that someone they follow reposted, placed where a post written
-- at the time of the repost would be (a number drawn from the posts' id sequence), so a repost of an old post shows
-- at the top. A post already in the reader's timeline as itself is not added again.
create table timeline_reposts (
    owner_id    bigint not null references users (id) on delete cascade,
    post_id     bigint not null references posts (id) on delete cascade,
    position    bigint not null,
    reposted_by bigint not null references users (id) on delete cascade,
    primary key (owner_id, post_id)
);
create index timeline_reposts_owner_position on timeline_reposts (owner_id, position desc);
create index timeline_reposts_post on timeline_reposts (post_id, reposted_by);
create index timeline_reposts_reposter on timeline_reposts (reposted_by);
