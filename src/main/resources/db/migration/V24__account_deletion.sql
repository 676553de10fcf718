-- A deleted account keeps its row, unable to sign in, until every module has deleted what it holds of it (files
-- too, which only the rows still name): then the row goes, and the foreign keys take the rest. deletion_event is
-- the user.deleted event whose deliveries the final step waits for.
alter table users add column deleted_at timestamptz;
alter table users add column deletion_event uuid;
