-- The dashboard's rollout view asks for each process's latest start before the hour it shows (a distinct on node,
-- newest first), which without this index reads every start ever recorded. Built concurrently: the previous
-- release keeps recording its starts while this runs.
create index concurrently if not exists process_starts_node_started_at on process_starts (node, started_at desc);
