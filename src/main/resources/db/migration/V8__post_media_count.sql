-- how many videos a post carries, so listing posts without any (most of them) skips the attachment lookup
alter table posts add column media_count smallint not null default 0 check (media_count between 0 and 4);
update posts p set media_count = m.n
  from (select post_id, count(*) as n from post_media group by post_id) m
  where m.post_id = p.id;
