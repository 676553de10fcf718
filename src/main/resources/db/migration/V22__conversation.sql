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

-- A timeline row that a repost brought: who reposted it (null for a post of someone the reader follows).
alter table home_timeline add column reposted_by bigint;
