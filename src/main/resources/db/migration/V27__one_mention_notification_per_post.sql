-- A post notifies each person it mentions once, however often it is edited and whichever process hears of it
-- first: inserts of a second 'mentioned' notification for the same post and person do nothing. Built
-- concurrently: the previous release keeps writing notifications while this runs.
create unique index concurrently if not exists notifications_mentioned_once on notifications (user_id, post_id) where kind = 'mentioned';
