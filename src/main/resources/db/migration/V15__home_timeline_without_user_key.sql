-- A timeline row checked its reader against users on every insert: a lookup and a lock on the reader's row,
-- shared by every transaction that fans out to the same followers, for each of the hundred or thousand rows a
-- post adds. Rows of a reader who no longer exists are never read; deleting an account deletes its timeline.
alter table home_timeline drop constraint home_timeline_owner_id_fkey;
