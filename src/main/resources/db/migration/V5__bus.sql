-- the event publication registry of Spring Modulith (its v2 schema for PostgreSQL): one row per event and
-- in-process listener, written in the publishing transaction, completed when the listener is done
create table event_publication (
    id                     uuid        not null primary key,
    listener_id            text        not null,
    event_type             text        not null,
    serialized_event       text        not null,
    publication_date       timestamptz not null,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamptz
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
create index event_publication_incomplete on event_publication (publication_date) where completion_date is null;

-- the bus log: every domain event in publication order, written in the publishing transaction. The relay sends
-- unsent rows to the broker as CloudEvents; live streams replay from it by sequence number.
create table bus_events (
    seq          bigint generated always as identity primary key,
    id           uuid        not null unique,
    type         text        not null,
    version      int         not null,
    subject      text        not null,
    occurred_at  timestamptz not null,
    data         jsonb       not null,
    older        jsonb       not null default '{}',
    sent_at      timestamptz,
    send_attempts int        not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error   text
);
create index bus_events_unsent on bus_events (next_attempt_at, seq) where sent_at is null;
create index bus_events_occurred_at on bus_events (occurred_at);

-- the inbox: which consumer has applied which event, so a redelivery changes nothing
create table event_inbox (
    consumer   text        not null,
    event_id   uuid        not null,
    applied_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
create index event_inbox_applied_at on event_inbox (applied_at);
