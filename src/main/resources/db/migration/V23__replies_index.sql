-- A post's replies, newest first, read by keyset like every list: without this index a thread's page reads every
-- post, and deleting a post scans them all for its replies. Built concurrently: the previous release keeps writing
-- posts while this runs.
create index concurrently if not exists posts_in_reply_to on posts (in_reply_to_id, id desc)
    where in_reply_to_id is not null;
