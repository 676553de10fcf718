-- what happened to a user that they should know of; event_id makes each event notify once
create table notifications (
    id         bigint generated always as identity primary key,
    user_id    bigint      not null references users (id) on delete cascade,
    kind       text        not null,
    actor_id   bigint      references users (id) on delete set null,
    post_id    bigint,
    media_id   uuid,
    reason     text,
    event_id   uuid        not null,
    created_at timestamptz not null default now(),
    read_at    timestamptz,
    constraint notifications_once unique (event_id, user_id)
);
create index notifications_user on notifications (user_id, id desc);
create index notifications_unread on notifications (user_id) where read_at is null;
