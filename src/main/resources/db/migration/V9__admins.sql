-- operators: an admin sees the ops endpoints and pages; only the grant-admin command (or create-user --admin) makes one
alter table users add column admin boolean not null default false;
