-- accounts: who can log in, and how they prove it
create table users (
    id            bigint generated always as identity primary key,
    username      text        not null,
    display_name  text        not null default '',
    bio           text        not null default '',
    password_hash text        not null,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
-- usernames are unique whatever their case: 'Alice' and 'alice' are the same person
create unique index users_username_key on users (lower(username));

-- only a SHA-256 of each bearer token is kept, so a leaked table leaks no usable token
create table access_tokens (
    token_hash bytea       primary key,
    user_id    bigint      not null references users (id) on delete cascade,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null
);
create index access_tokens_user_id on access_tokens (user_id);
create index access_tokens_expires_at on access_tokens (expires_at);

-- failed logins, kept for the throttle window only
create table login_failures (
    id             bigint generated always as identity primary key,
    username       text        not null,
    client_address text        not null,
    failed_at      timestamptz not null default now()
);
create index login_failures_username on login_failures (username, failed_at);
create index login_failures_address on login_failures (client_address, failed_at);

-- addresses an account has logged in from: an attack on the account never throttles these
create table known_login_addresses (
    user_id        bigint      not null references users (id) on delete cascade,
    client_address text        not null,
    last_login_at  timestamptz not null default now(),
    primary key (user_id, client_address)
);

-- page sessions (Spring Session JDBC), so any web process can serve any signed-in user
create table spring_session (
    primary_id            char(36)     not null primary key,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval int          not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36)     not null references spring_session (primary_id) on delete cascade,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    primary key (session_primary_id, attribute_name)
);
