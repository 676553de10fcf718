-- What members report to the moderators: a post (post_id set, target its author) or an account (post_id null).
create table reports (
    id bigserial primary key,
    reporter_id bigint not null references users (id) on delete cascade,
    target_id bigint not null references users (id) on delete cascade,
    post_id bigint references posts (id) on delete cascade,
    reason text not null,
    created_at timestamptz not null default now(),
    resolved_at timestamptz,
    resolution text check (resolution in ('remove_post', 'suspend', 'unsuspend', 'dismiss')),
    resolved_by bigint references users (id) on delete set null
);
create index reports_open on reports (id) where resolved_at is null;
create index reports_target on reports (target_id);
create index reports_post on reports (post_id);
create index reports_reporter on reports (reporter_id, created_at);

-- What moderators did and why. Rows outlive the accounts and posts they name: the usernames are kept beside the
-- ids, and no reference deletes a row.
create table moderation_log (
    id bigserial primary key,
    moderator_id bigint references users (id) on delete set null,
    moderator text not null,
    action text not null check (action in ('remove_post', 'suspend', 'unsuspend', 'dismiss')),
    target_id bigint references users (id) on delete set null,
    target text,
    post_id bigint,
    report_id bigint,
    reason text not null,
    created_at timestamptz not null default now()
);
create index moderation_log_target on moderation_log (target_id);
create index moderation_log_moderator on moderation_log (moderator_id);
