#!/usr/bin/env bash
# MicroPosts write-path profile: what one post costs, counted by PostgreSQL itself.
#
# Starts the executable jar on a fresh data directory (embedded engines, one process), registers an author with
# FOLLOWERS followers (seeded straight into the database), writes posts through the API under wrk (16
# connections) for DURATION, waits until the bus and the task queues owe nothing, and prints, per post: database
# transactions, statements, rows inserted/updated/deleted, WAL flushes (fsyncs) and WAL bytes, from PostgreSQL's
# own statistics (pg_stat_database, pg_stat_wal), and tasks through the broker, from the app's metrics. With JFR=1 it also records the JVM under the load
# and prints the hottest methods (top frames of the execution samples).
#
# Usage: bench/post-cost.sh   (needs a JDK 17, curl, python3; installs wrk and psql if missing)
#
# Environment:
#   DURATION         length of the wrk run (default 20s)
#   FOLLOWERS        followers of the author (default 0)
#   PORT             HTTP port (default 18084)
#   PGPORT           port of the embedded PostgreSQL (default 15435)
#   BENCH_JAVA_OPTS  JVM options (default -Xmx512m)
#   JFR              1: record the run with Java Flight Recorder and print the hottest methods
#   SKIP_BUILD       1: use the existing target/microposts-*.jar
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

DURATION=${DURATION:-20s}
FOLLOWERS=${FOLLOWERS:-0}
PORT=${PORT:-18084}
PGPORT=${PGPORT:-15435}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx512m}
if [[ ${JFR:-0} == 1 ]]; then
  JFR_FILE=$(mktemp -t microposts-post-XXXXXX.jfr)
  BENCH_JAVA_OPTS="$BENCH_JAVA_OPTS -XX:StartFlightRecording=filename=$JFR_FILE,settings=profile"
fi

# shellcheck source=bench/lib.sh
source bench/lib.sh
bench_tools wrk postgresql-client
bench_start post-cost --microposts.database.embedded-port="$PGPORT" --logging.level.root=warn

sql() { psql -h localhost -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
curl -fs -o /dev/null -H 'Content-Type: application/json' \
  -d '{"username":"author","password":"staple-Horse-42-battery"}' "$BASE/api/v1/users"
TOKEN=$(curl -fs -H 'Content-Type: application/json' \
  -d '{"username":"author","password":"staple-Horse-42-battery"}' "$BASE/api/v1/token" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
if ((FOLLOWERS > 0)); then
  sql <<SQL
insert into users (username, password_hash)
  select 'follower' || i, (select password_hash from users where username = 'author') from generate_series(1, $FOLLOWERS) i;
insert into follows (follower_id, followee_id)
  select id, (select id from users where username = 'author') from users where username like 'follower%';
analyze;
SQL
fi

# owed FILE: the bus's and the queues' backlog from the scrape: incomplete deliveries, unsent events, tasks
owed() {
  curl -fs "$BASE/actuator/prometheus" | awk '
    /^microposts_events_incomplete[ {]/ { n += $NF }
    /^microposts_bus_unsent[ {]/ { n += $NF }
    /^microposts_tasks_queue_(depth|scheduled|running)\{/ && !/queue="dead"/ { n += $NF }
    END { printf "%d\n", n }'
}
tasks_done() {
  curl -fs "$BASE/actuator/prometheus" | awk '/^microposts_tasks_total\{/ && /outcome="done"/ { n += $NF } END { printf "%d\n", n }'
}
stats() {
  sql -F ' ' -c "select xact_commit + xact_rollback, tup_inserted, tup_updated, tup_deleted,
    (select wal_sync from pg_stat_wal), (select wal_bytes from pg_stat_wal)
    from pg_stat_database where datname = 'postgres'"
}

# one post first, so every lazy start-up is behind us
curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"text":"warming up"}' "$BASE/api/v1/me/collection"
until (($(owed) == 0)); do sleep 0.2; done
sleep 11
before_posts=$(sql -c "select count(*) from posts")
read -r xacts0 ins0 upd0 del0 sync0 bytes0 <<<"$(stats)"
tasks0=$(tasks_done)
wrk -t2 -c16 -d"$DURATION" -s bench/collection.lua "$BASE/api/v1/users/author/collection" -- post "$TOKEN" >"$DATA/wrk.txt"
until (($(owed) == 0)); do sleep 0.2; done
# why: each PostgreSQL backend flushes its counters to the shared statistics at most every 10 s while idle
sleep 11
read -r xacts1 ins1 upd1 del1 sync1 bytes1 <<<"$(stats)"
tasks1=$(tasks_done)
posts=$(($(sql -c "select count(*) from posts") - before_posts))

per() { python3 -c "print(f'{($2 - $1) / $posts:.2f}')"; }
echo "== what one post costs ($(nproc) cores; author with $FOLLOWERS followers; wrk -c16 -d$DURATION) =="
echo "posts written: $posts ($(grep Requests/sec "$DATA/wrk.txt" | awk '{print $2}') req/s)"
echo "per post, everything it set off included (the request, listeners, relay, tasks, monitoring meanwhile):"
echo "  database transactions:   $(per "$xacts0" "$xacts1")"
echo "  rows inserted:           $(per "$ins0" "$ins1")"
echo "  rows updated:            $(per "$upd0" "$upd1")"
echo "  rows deleted:            $(per "$del0" "$del1")"
echo "  WAL flushes (fsync):     $(per "$sync0" "$sync1")"
echo "  WAL bytes:               $(per "$bytes0" "$bytes1")"
echo "  tasks through the broker: $(per "$tasks0" "$tasks1")"

if [[ ${JFR:-0} == 1 ]]; then
  jcmd "$APP_PID" JFR.dump filename="$JFR_FILE" >/dev/null
  echo "hottest methods (top frame of JVM execution samples, share of all samples):"
  jfr print --events jdk.ExecutionSample "$JFR_FILE" | awk '
    /stackTrace = \[/ { getline; gsub(/^[ \t]+/, ""); sub(/line:.*/, ""); top[$0]++; total++ }
    END { for (m in top) printf "%6.2f%%  %s\n", 100 * top[m] / total, m }' | sort -rn | head -25
  echo "(recording kept at $JFR_FILE)"
fi
