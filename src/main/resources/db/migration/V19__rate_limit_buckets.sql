-- Token buckets of the rate limits, in the layout Bucket4j's PostgreSQL proxy manager reads and writes:
-- one row per limited key (a sign-up address, ...), its state serialized by Bucket4j, and when a bucket
-- that has refilled to full may be deleted (milliseconds since the epoch).
create table rate_limit_buckets (
    id text primary key,
    state bytea,
    expires_at bigint
);

create index rate_limit_buckets_expires_at on rate_limit_buckets (expires_at);
