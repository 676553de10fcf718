-- The final step of deleting accounts looks for those marked deleted every few seconds: a few rows at most,
-- found without reading the table. Built concurrently: the previous release keeps signing people up meanwhile.
create index concurrently if not exists users_deleted on users (deleted_at) where deleted_at is not null;
