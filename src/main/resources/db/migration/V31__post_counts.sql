-- Each post's likes and reposts, counted as they come, so that reading a post's figures costs the same at a million
-- likes as at one (counting the rows of `likes` on every read grew with the post's popularity).
--
-- A post's count is spread over up to 16 rows, one per shard of the people who marked it (user_id % 16): a thousand
-- likes a second on one post update 16 different rows instead of queueing on one, and a read sums at most 16 rows.
-- Triggers on `likes` and `reposts` keep the rows exact whatever adds or removes a mark: a like, an unlike, or the
-- cascade of a deleted account or post. They are deferred to the commit, so a shard's row is locked only while the
-- transaction that changed it commits, and a transaction that rolls back never touches it.
create table post_counts (
    post_id bigint   not null references posts (id) on delete cascade,
    shard   smallint not null,
    likes   bigint   not null default 0,
    reposts bigint   not null default 0,
    primary key (post_id, shard)
);

create function post_counts_likes() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into post_counts (post_id, shard, likes) values (new.post_id, new.user_id % 16, 1)
            on conflict (post_id, shard) do update set likes = post_counts.likes + 1;
    else
        update post_counts set likes = likes - 1 where post_id = old.post_id and shard = old.user_id % 16;
    end if;
    return null;
end $$;

create function post_counts_reposts() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into post_counts (post_id, shard, reposts) values (new.post_id, new.user_id % 16, 1)
            on conflict (post_id, shard) do update set reposts = post_counts.reposts + 1;
    else
        update post_counts set reposts = reposts - 1 where post_id = old.post_id and shard = old.user_id % 16;
    end if;
    return null;
end $$;

-- The triggers come before the backfill, in the same transaction: creating them locks out writes to the two tables
-- until this migration commits, so no mark is counted twice or missed.
create constraint trigger likes_counted after insert or delete on likes
    deferrable initially deferred for each row execute function post_counts_likes();
create constraint trigger reposts_counted after insert or delete on reposts
    deferrable initially deferred for each row execute function post_counts_reposts();

insert into post_counts (post_id, shard, likes, reposts)
select post_id, shard, sum(liked), sum(reposted)
from (select post_id, (user_id % 16)::smallint as shard, 1 as liked, 0 as reposted from likes
      union all
      select post_id, (user_id % 16)::smallint, 0, 1 from reposts) as marks
group by post_id, shard;
