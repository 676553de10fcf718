-- When a part's task was handed to the broker; null while the part is owed one. An upload sends its probe only
-- once its transaction has committed, so no worker meets an item it cannot see yet; a part still owed its task a
-- lease after it was written (the process died, or the broker refused, between the commit and the send) is sent
-- by the workers' lease check. Parts written before this column existed had their tasks sent with them.
alter table media_parts add column queued_at timestamptz;
update media_parts set queued_at = updated_at;
create index media_parts_owed on media_parts (updated_at) where queued_at is null;
