-- Alerts are evaluated by the leader for the whole deployment: one open alert per rule, whichever process fired it.
-- Open duplicates from the time each process fired its own are closed, keeping the oldest.
update alerts a set resolved_at = now(), resolved_value = a.value
where a.resolved_at is null
  and exists (select 1 from alerts b where b.rule = a.rule and b.resolved_at is null and b.id < a.id);
drop index alerts_open;
create unique index alerts_open on alerts (rule) where resolved_at is null;
