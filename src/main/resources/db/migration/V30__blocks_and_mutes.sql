-- who blocked whom and who muted whom; the id orders the lists of blocked and muted people, the reverse
-- index answers "who blocked me" for hiding both ways
create table blocks (
    id         bigint generated always as identity unique,
    blocker_id bigint      not null references users (id) on delete cascade,
    blocked_id bigint      not null references users (id) on delete cascade,
    created_at timestamptz not null default now(),
    primary key (blocker_id, blocked_id),
    constraint blocks_not_self check (blocker_id <> blocked_id)
);
create index blocks_blocked on blocks (blocked_id, blocker_id);

create table mutes (
    id         bigint generated always as identity unique,
    muter_id   bigint      not null references users (id) on delete cascade,
    muted_id   bigint      not null references users (id) on delete cascade,
    created_at timestamptz not null default now(),
    primary key (muter_id, muted_id),
    constraint mutes_not_self check (muter_id <> muted_id)
);
create index mutes_muted on mutes (muted_id, muter_id);
