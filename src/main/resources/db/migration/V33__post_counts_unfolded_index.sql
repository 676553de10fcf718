-- The rows the fold of post counts (V32) has yet to take in: only recent activity, however many posts were ever
-- liked. Built concurrently: the previous release keeps liking and reposting meanwhile.
create index concurrently if not exists post_counts_unfolded on post_counts (post_id) where shard >= 0;
