-- The leader's lock: one row per lock name, held until lock_until (the database's clock), signed by its holder.
create table shedlock (
    name varchar(64) primary key,
    lock_until timestamp not null,
    locked_at timestamp not null,
    locked_by varchar(255) not null
);
