-- posts: the micro-posts themselves
create table posts (
    id            bigint generated always as identity primary key,
    author_id     bigint      not null references users (id) on delete cascade,
    text          text        not null,
    referenced_id bigint      references users (id) on delete set null,
    created_at    timestamptz not null default now(),
    edited_at     timestamptz,
    version       integer     not null default 1,
    -- 'simple' keeps every word in every language; stemming would favour English
    search        tsvector generated always as (to_tsvector('simple', text)) stored
);
-- a user's collection, newest first, read by keyset (id < cursor)
create index posts_author_id on posts (author_id, id desc);
create index posts_search on posts using gin (search);
