#!/bin/bash
# Starts PostgreSQL from Debian's packages the way the public postgres image does: the first start makes
# the cluster in $PGDATA with POSTGRES_USER (a superuser) and its POSTGRES_PASSWORD, and POSTGRES_DB.
set -euo pipefail
bin=$(echo /usr/lib/postgresql/*/bin)
user=${POSTGRES_USER:-postgres}
database=${POSTGRES_DB:-$user}
if [[ ! -s $PGDATA/PG_VERSION ]]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
  password_file=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$password_file"
  "$bin/initdb" --pgdata="$PGDATA" --username="$user" --pwfile="$password_file" --encoding=UTF8 \
    --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$password_file"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  if [[ $database != postgres ]]; then
    echo "CREATE DATABASE \"$database\" OWNER \"$user\";" | "$bin/postgres" --single -D "$PGDATA" postgres >/dev/null
  fi
  echo "postgres-entrypoint: made the cluster in $PGDATA with database $database"
fi
# why: Debian's packages put the socket in /run/postgresql, which a container does not have
exec "$bin/postgres" -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/tmp "$@"
