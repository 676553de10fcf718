-- A post's counts are spread over up to 16 rows (V31), so that people liking it at once do not queue on one row; but
-- every read sums them, and a page of 20 liked posts read 320 rows, half of what reading the page's details cost.
-- Once a post has been quiet for a few seconds, the leader folds its shard rows into one row, shard -1
-- (PostCountFolding), so a read sums one row per settled post; a post being liked right now keeps its shards.
--
-- Once a shard's row may have been folded away, taking a mark back can no longer assume that row is there: an unlike
-- or unrepost adds -1 to its shard, making the row if need be, and the next fold takes it in. Each change stamps its
-- row, which is how the fold tells a quiet post from a busy one.
alter table post_counts add column changed_at timestamptz not null default now();

create or replace function post_counts_likes() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into post_counts (post_id, shard, likes) values (new.post_id, new.user_id % 16, 1)
            on conflict (post_id, shard) do update set likes = post_counts.likes + 1, changed_at = now();
    else
        -- why: not for a post being deleted (its marks go with it by cascade), whose counts went first
        insert into post_counts (post_id, shard, likes)
            select old.post_id, old.user_id % 16, -1 where exists (select 1 from posts where id = old.post_id)
            on conflict (post_id, shard) do update set likes = post_counts.likes - 1, changed_at = now();
    end if;
    return null;
end $$;

create or replace function post_counts_reposts() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into post_counts (post_id, shard, reposts) values (new.post_id, new.user_id % 16, 1)
            on conflict (post_id, shard) do update set reposts = post_counts.reposts + 1, changed_at = now();
    else
        -- why: not for a post being deleted (its marks go with it by cascade), whose counts went first
        insert into post_counts (post_id, shard, reposts)
            select old.post_id, old.user_id % 16, -1 where exists (select 1 from posts where id = old.post_id)
            on conflict (post_id, shard) do update set reposts = post_counts.reposts - 1, changed_at = now();
    end if;
    return null;
end $$;
