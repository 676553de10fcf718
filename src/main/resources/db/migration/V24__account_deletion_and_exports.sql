-- A deleted account keeps its row, unable to sign in, until every module has deleted what it holds of it (files
-- too, which only the rows still name): then the row goes, and the foreign keys take the rest. deletion_event is
-- the user.deleted event whose deliveries the final step waits for.
alter table users add column deleted_at timestamptz;
alter table users add column deletion_event uuid;

-- A member's archives of their posts, follows and videos: built by a task on the exports queue, kept in storage
-- under storage_key until expires_at, then deleted with their row. At most one is being built per member.
create table exports (
    id          uuid        primary key,
    owner_id    bigint      not null references users (id) on delete cascade,
    status      text        not null default 'building' check (status in ('building', 'ready', 'failed')),
    reason      text,
    storage_key text,
    size        bigint,
    created_at  timestamptz not null default now(),
    ready_at    timestamptz,
    expires_at  timestamptz not null
);
create index exports_owner on exports (owner_id, created_at desc);
create index exports_expires_at on exports (expires_at);
create unique index exports_one_building on exports (owner_id) where status = 'building';
