-- who follows whom; the id orders the followers and following lists
create table follows (
    id          bigint generated always as identity primary key,
    follower_id bigint      not null references users (id) on delete cascade,
    followee_id bigint      not null references users (id) on delete cascade,
    created_at  timestamptz not null default now(),
    constraint follows_pair unique (follower_id, followee_id),
    constraint follows_not_self check (follower_id <> followee_id)
);
create index follows_followee on follows (followee_id, id desc);
create index follows_follower on follows (follower_id, id desc);
