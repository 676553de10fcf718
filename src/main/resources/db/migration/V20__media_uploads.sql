-- every stored upload, for the daily quotas per member; kept when its video is deleted, so deleting and
-- uploading again gives nothing back, and trimmed once older than a day
create table media_uploads (
    owner_id    bigint      not null references users (id) on delete cascade,
    size        bigint      not null,
    uploaded_at timestamptz not null default now()
);
create index media_uploads_owner on media_uploads (owner_id, uploaded_at);
