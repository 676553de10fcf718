-- home timelines materialized on write: one row per (reader, post) for the posts of the people they follow;
-- the reader's own posts are read from posts directly
create table home_timeline (
    owner_id  bigint not null references users (id) on delete cascade,
    post_id   bigint not null,
    author_id bigint not null,
    primary key (owner_id, post_id)
);
create index home_timeline_owner_author on home_timeline (owner_id, author_id);
create index home_timeline_post on home_timeline (post_id);
