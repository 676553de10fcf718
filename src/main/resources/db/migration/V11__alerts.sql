-- the history of the in-process alert rules: one row per firing, closed when it resolves
create table alerts (
    id bigint generated always as identity primary key,
    rule text not null,
    severity text not null,
    summary text not null,
    node text not null,
    value double precision not null,
    threshold double precision not null,
    fired_at timestamptz not null,
    resolved_at timestamptz,
    resolved_value double precision
);

create index alerts_fired_at on alerts (fired_at desc);
-- at most one open firing of a rule per process
create unique index alerts_open on alerts (rule, node) where resolved_at is null;
