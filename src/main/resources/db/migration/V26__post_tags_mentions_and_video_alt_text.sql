-- A description of a video for people who cannot see it, written by its owner; none until they give one.
alter table media add column alt_text text;

-- The hashtags and mentions written in each post's text, kept beside the post so a tag's page and a search for
-- '#tag' read an index rather than every post's text. The application maintains both on create and edit (see
-- PostText for what counts); deleting a post or a user deletes its rows.
create table post_tags (
    post_id  bigint not null references posts (id) on delete cascade,
    -- normalized: Unicode NFC in lower case, so #Java and #java are one tag
    tag      text   not null,
    -- as first written in the post
    display  text   not null,
    position integer not null,
    primary key (post_id, tag)
);
-- a tag's page, newest first, read by keyset (post_id < cursor)
create index post_tags_tag on post_tags (tag, post_id desc);

create table post_mentions (
    post_id  bigint  not null references posts (id) on delete cascade,
    user_id  bigint  not null references users (id) on delete cascade,
    position integer not null,
    primary key (post_id, user_id)
);
create index post_mentions_user on post_mentions (user_id, post_id desc);

-- Posts written before this release: the same rules as PostText, in PostgreSQL's regular expressions. Nobody is
-- notified of these mentions; they were written long ago.
insert into post_tags (post_id, tag, display, position)
select post_id, tag, (array_agg(display order by position))[1],
       row_number() over (partition by post_id order by min(position)) - 1
from (select p.id as post_id, lower(m.found[2]) as tag, m.found[2] as display, m.position
      from posts p,
           lateral (select found, row_number() over () as position
                    from regexp_matches(p.text, '(^|[^[:alnum:]_&/#@])#([[:alnum:]_]{1,100})(?![[:alnum:]_])', 'g')
                        as found) m) candidates
where tag ~ '[[:alpha:]]'
group by post_id, tag
on conflict do nothing;

insert into post_mentions (post_id, user_id, position)
select candidates.post_id, u.id, row_number() over (partition by candidates.post_id order by min(candidates.position)) - 1
from (select p.id as post_id, lower(m.found[2]) as name, m.position
      from posts p,
           lateral (select found, row_number() over () as position
                    from regexp_matches(p.text, '(^|[^[:alnum:]_/@])@([A-Za-z][A-Za-z0-9_]{2,29})(?![[:alnum:]_@])', 'g')
                        as found) m) candidates
join users u on lower(u.username) = candidates.name
group by candidates.post_id, u.id
on conflict do nothing;
