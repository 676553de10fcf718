-- media: uploaded videos and what the pipeline made of them
create table media (
    id          uuid        primary key,
    owner_id    bigint      not null references users (id) on delete cascade,
    status      text        not null default 'processing' check (status in ('processing', 'ready', 'failed')),
    reason      text,
    source_key  text        not null,
    source_size bigint      not null,
    -- the probed facts of the source (duration, size, frame rate, codecs, rotation, audio)
    probe       jsonb,
    created_at  timestamptz not null default now(),
    finished_at timestamptz
);
create index media_owner on media (owner_id, created_at desc);
create index media_failed on media (finished_at desc) where status = 'failed';

-- the tasks of one item: probe, then the rendition groups and the thumbnail it fans out to; the item is
-- ready when every part is done. A running part holds a lease that its worker renews; a part whose lease
-- ran out is taken over, and only the holder of the current token may record outputs.
create table media_parts (
    media_id    uuid        not null references media (id) on delete cascade,
    part        text        not null,
    status      text        not null default 'pending' check (status in ('pending', 'running', 'done', 'failed')),
    spec        jsonb       not null default '{}',
    attempts    integer     not null default 0,
    lease_token uuid,
    lease_until timestamptz,
    updated_at  timestamptz not null default now(),
    primary key (media_id, part)
);
create index media_parts_leases on media_parts (lease_until) where status = 'running';

-- the files the pipeline produced: renditions and thumbnails
create table media_outputs (
    media_id     uuid    not null references media (id) on delete cascade,
    kind         text    not null check (kind in ('rendition', 'thumbnail')),
    name         text    not null,
    storage_key  text    not null unique,
    content_type text    not null,
    width        integer not null,
    height       integer not null,
    size         bigint  not null,
    bitrate      integer,
    duration_ms  integer,
    primary key (media_id, kind, name)
);

-- which post carries which media, in order; a media item belongs to at most one post
create table post_media (
    post_id  bigint  not null references posts (id) on delete cascade,
    media_id uuid    not null unique references media (id) on delete cascade,
    position integer not null,
    primary key (post_id, position)
);
-- a post with media is shown to others once all of it is ready; until then only to its author
alter table posts add column media_pending integer not null default 0;
