-- the upload admission reads the backlog on every upload (at most once a second per process)
create index media_processing on media (created_at) where status = 'processing';
create index media_finished on media (finished_at) where finished_at is not null;
