-- one row per process start: the versions deployed over time, to lay beside the error rate
create table process_starts (
    id bigint generated always as identity primary key,
    node text not null,
    role text not null,
    version text not null,
    commit text not null,
    started_at timestamptz not null
);

create index process_starts_started_at on process_starts (started_at);

-- what each process measured over each sampling interval, for the ops dashboard's last hour
create table metric_samples (
    at timestamptz not null,
    node text not null,
    metric text not null,
    queue text not null default '',
    value double precision not null
);

create index metric_samples_at on metric_samples (at);
