#!/usr/bin/env bash
# MicroPosts thread benchmark: reading a long conversation.
#
# Starts the executable jar on a fresh data directory (embedded engines, one process), writes a post through the
# API and seeds 1,000 replies to it from 100 people straight into its PostgreSQL (with likes and reposts on some,
# so their counts are read as on any busy post), then reads the first page of the thread, as a client opening it
# does: GET /api/v1/users/{author}/collection/{id}/replies (20 replies, newest first, each with its counts and a
# link to the post it answers) under wrk at 16 connections after a warm-up. Prints requests/s, p50 and p99
# (target p99 <= 15 ms), reported PASS or MISS (a miss does not fail the script), and each figure also as a
# FIGURE line (bench_figure in bench/lib.sh) for bench/all.sh.
#
# Usage: bench/thread.sh   (needs a JDK 17, curl, python3; installs wrk and psql if missing)
#
# Environment:
#   DURATION         length of the measured wrk run (default 20s)
#   WARMUP_MIN       shortest warm-up, in seconds (default 60)
#   WARMUP_MAX       longest warm-up (default 180): 10 s rounds until two in a row agree within 3%
#   PORT             HTTP port (default 18086)
#   PGPORT           port of the embedded PostgreSQL (default 15437)
#   BENCH_JAVA_OPTS  JVM options (default -Xms1g -Xmx1g: a fixed heap, as on a server)
#   SKIP_BUILD       1: use the existing target/microposts-*.jar
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

DURATION=${DURATION:-20s}
WARMUP_MIN=${WARMUP_MIN:-60}
WARMUP_MAX=${WARMUP_MAX:-180}
PORT=${PORT:-18086}
PGPORT=${PGPORT:-15437}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms1g -Xmx1g}
TARGET_P99_MS=15

# shellcheck source=bench/lib.sh
source bench/lib.sh
bench_tools wrk postgresql-client
bench_start thread --microposts.database.embedded-port="$PGPORT" --logging.level.root=warn

sql() { psql -h localhost -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
curl -fs -o /dev/null -H 'Content-Type: application/json' \
  -d '{"username":"starter","password":"staple-Horse-42-battery"}' "$BASE/api/v1/users"
TOKEN=$(curl -fs -H 'Content-Type: application/json' \
  -d '{"username":"starter","password":"staple-Horse-42-battery"}' "$BASE/api/v1/token" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
POST=$(curl -fs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"text":"What is the best ferry crossing you have made?"}' "$BASE/api/v1/me/collection" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
sql <<SQL
insert into users (username, password_hash)
  select 'talker' || lpad(i::text, 3, '0'), (select password_hash from users where username = 'starter')
  from generate_series(1, 100) as i;
insert into posts (author_id, text, in_reply_to_id)
  select (select id from users where username = 'talker' || lpad((g % 100 + 1)::text, 3, '0')),
    'Reply number ' || g || ': the night crossing, with the lights of the harbour behind and a sentence or two'
      || ' more, the way people answer here.', $POST
  from generate_series(1, 1000) as g;
-- every reply liked by a few of the talkers, every tenth reposted by one
insert into likes (post_id, user_id)
  select p.id, u.id from posts p join users u on u.username like 'talker%' and (p.id + u.id) % 20 = 0
  where p.in_reply_to_id = $POST;
insert into reposts (post_id, user_id)
  select p.id, p.author_id from posts p where p.in_reply_to_id = $POST and p.id % 10 = 0;
analyze;
SQL
replies=$(sql -c "select count(*) from posts where in_reply_to_id = $POST")
URL="$BASE/api/v1/users/starter/collection/$POST/replies"
shown=$(curl -fs "$URL" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[[ "$shown" == 20 ]] || { echo "the first page of the thread has $shown replies, not 20"; exit 1; }

echo "machine: $(nproc) cores"
echo "1. GET the first page of a thread of $replies replies (20 of them, with counts) under wrk, 16 connections"
bench_warm_up "$URL"
wrk -t2 -c16 -d"$DURATION" --latency "$URL" >"$DATA/read.txt"
read -r rps _ p99 <<<"$(bench_wrk_figures "$DATA/read.txt")"
verdict=$(bench_verdict "$p99 <= $TARGET_P99_MS")
echo "   GET .../replies: $(bench_wrk_summary "$DATA/read.txt") (target p99 <= $TARGET_P99_MS ms: $verdict)"
bench_figure "req/s" "$rps" - -
bench_figure "p99 ms" "$p99" "<= $TARGET_P99_MS" "$verdict"
