-- An expand migration a later release brought: this build does not carry it and must still start on it.
create table added_by_a_later_release (id bigint primary key);
