-- A suspended account cannot sign in, and its posts are hidden from every reader until it is unsuspended.
alter table users add column suspended_at timestamptz;

-- why: a copy of the author's state on each post, so the reads that hide posts need no join with users
alter table posts add column author_suspended boolean not null default false;
