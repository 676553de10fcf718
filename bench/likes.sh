#!/usr/bin/env bash
# MicroPosts likes benchmark: many people liking one post at once.
#
# Starts the executable jar on a fresh data directory (embedded engines, one process), seeds accounts straight
# into its PostgreSQL (registering them through the API would only time the password hashing), writes one post
# through the API, then has wrk like it at about RATE likes/s for DURATION, each like from a different person
# (PUT /api/v1/users/star/collection/{id}/like), after a warm-up doing the same to another post. While it runs,
# a sampler asks PostgreSQL every 100 ms how many sessions wait on a lock. It prints:
#   1. the rate achieved (likes the database recorded, over the time from the first to the last; target >= 90%
#      of RATE: each connection paces itself, and its own latency slows it a little);
#   2. the latency of a like: p50 and p99 (target p99 <= 25 ms);
#   3. whether the count is exact: the post's `likes` in the API against the 204 answers wrk received (each
#      from a different person, so each adds one like) (target: off by 0);
#   4. the most sessions seen waiting on a lock at once (target <= 2: likes do not queue on the post's row).
# Each target is reported PASS or MISS (a miss does not fail the script), and each figure also as a FIGURE
# line (bench_figure in bench/lib.sh) for bench/all.sh.
#
# Usage: bench/likes.sh   (needs a JDK 17, curl, python3; installs wrk and psql if missing)
#
# Environment:
#   RATE             likes per second to offer (default 1000)
#   DURATION         length of the measured run, in seconds with an "s" (default 10s)
#   WARMUP           length of the warm-up run, the same way (default 30s)
#   CONNECTIONS      wrk connections, each pacing itself to RATE / CONNECTIONS likes/s (default 64: the longer
#                    each one pauses, the less its own latency slows the rate)
#   PORT             HTTP port (default 18085)
#   PGPORT           port of the embedded PostgreSQL (default 15436)
#   BENCH_JAVA_OPTS  JVM options (default -Xms1g -Xmx1g: a fixed heap, as on a server)
#   SKIP_BUILD       1: use the existing target/microposts-*.jar
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

RATE=${RATE:-1000}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-30s}
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-18085}
PGPORT=${PGPORT:-15436}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms1g -Xmx1g}
TARGET_P99_MS=25
TARGET_LOCK_WAITS=2

seconds() { local value=${1%s}; [[ $value =~ ^[0-9]+$ ]] || { echo "$1: give whole seconds, e.g. 10s" >&2; exit 2; }; echo "$value"; }
RUN_S=$(seconds "$DURATION")
WARMUP_S=$(seconds "$WARMUP")
# one person per like, in the longer of the two runs, with room to spare
PEOPLE=$(((RUN_S > WARMUP_S ? RUN_S : WARMUP_S) * RATE * 3 / 2 + 1000))

# shellcheck source=bench/lib.sh
source bench/lib.sh
bench_tools wrk postgresql-client
bench_start likes --microposts.database.embedded-port="$PGPORT" --logging.level.root=warn

sql() { psql -h localhost -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
register() {
  curl -fs -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"staple-Horse-42-battery\"}" "$BASE/api/v1/users"
}
register star
# every seeded account gets the bearer token "mpt_bench-<id>"; only its SHA-256 is stored, as the API does
sql <<SQL
insert into users (username, password_hash)
  select 'fan' || lpad(i::text, 6, '0'), (select password_hash from users where username = 'star')
  from generate_series(1, $PEOPLE) as i;
insert into access_tokens (token_hash, user_id, expires_at)
  select sha256(convert_to('mpt_bench-' || id, 'UTF8')), id, now() + interval '1 day' from users;
analyze;
SQL
STAR=$(sql -c "select id from users where username = 'star'")
read -r LO HI <<<"$(sql -F ' ' -c "select min(id), max(id) from users where username like 'fan%'")"
post() {
  curl -fs -H "Authorization: Bearer mpt_bench-$STAR" -H 'Content-Type: application/json' \
    -d "{\"text\":\"$1\"}" "$BASE/api/v1/me/collection" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}

# like.lua POST SECONDS: each connection likes the post as the next person of its own, paced to RATE in all, for
# SECONDS; then it falls silent, so every like sent is answered before wrk stops (it runs 3 s longer).
like_script() {
  cat >"$DATA/like-$1.lua" <<LUA
local lo, hi, post, seconds = $LO, $HI, $1, $2
local pause = math.floor($CONNECTIONS * 1000 / $RATE)
local threads = {} -- wrk runs two threads (-t2): thread id and id + 2n name different people
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  started = os.time()
  n = 0
  ok = 0
  sent = 0
end
function delay()
  if os.time() - started >= seconds then return 60000 end
  return pause
end
function request()
  local person = lo + (n * 2 + id) % (hi - lo + 1)
  n = n + 1
  sent = sent + 1
  return wrk.format("PUT", "/api/v1/users/star/collection/" .. post .. "/like",
    {["Authorization"] = "Bearer mpt_bench-" .. person})
end
function response(status)
  if status == 204 then ok = ok + 1 end
end
function done(summary, latency, requests)
  local answered, sent_all = 0, 0
  for _, thread in ipairs(threads) do
    answered = answered + thread:get("ok")
    sent_all = sent_all + thread:get("sent")
  end
  io.write(string.format("LIKES %d %d\n", answered, sent_all))
end
LUA
}

echo "machine: $(nproc) cores; $PEOPLE people, $CONNECTIONS connections paced to $RATE likes/s in all"
WARM=$(post "the warm-up post")
like_script "$WARM" "$WARMUP_S"
echo "warm-up: ${WARMUP_S} s of likes on another post"
wrk -t2 -c"$CONNECTIONS" -d"$((WARMUP_S + 3))s" -s "$DATA/like-$WARM.lua" "$BASE" >"$DATA/warm.txt"

POST=$(post "like me, everyone")
like_script "$POST" "$RUN_S"
# the sampler: sessions waiting on a lock, every 100 ms while the likes run
: >"$DATA/waits.txt"
(
  end=$((SECONDS + RUN_S + 3))
  while ((SECONDS < end)); do
    sql -c "select count(*) from pg_locks where not granted" >>"$DATA/waits.txt" 2>/dev/null || true
    sleep 0.1
  done
) &
SAMPLER=$!
wrk -t2 -c"$CONNECTIONS" -d"$((RUN_S + 3))s" --latency -s "$DATA/like-$POST.lua" "$BASE" >"$DATA/run.txt"
wait "$SAMPLER"

read -r _ answered sent <<<"$(grep '^LIKES ' "$DATA/run.txt")"
read -r _ p50 p99 <<<"$(bench_wrk_figures "$DATA/run.txt")"
read -r rows span <<<"$(sql -F ' ' -c "select count(*), extract(epoch from max(created_at) - min(created_at))
  from likes where post_id = $POST")"
counted=$(curl -fs "$BASE/api/v1/users/star/collection/$POST" | python3 -c 'import json,sys; print(json.load(sys.stdin)["likes"])')
rate=$(python3 -c "print(f'{$rows / max($span, 0.001):.0f}')")
off=$((counted - answered))
waits=$(sort -n "$DATA/waits.txt" | tail -1)
samples=$(wc -l <"$DATA/waits.txt")
errors=$(grep -E 'Non-2xx|Socket errors' "$DATA/run.txt" | tr '\n' ' ' || true)

verdict=$(bench_verdict "$rate >= 0.9 * $RATE")
echo "1. rate: $rows likes recorded in ${span} s: $rate likes/s (target >= 90% of $RATE: $verdict)"
bench_figure "likes/s" "$rate" ">= $((RATE * 9 / 10))" "$verdict"
verdict=$(bench_verdict "$p99 <= $TARGET_P99_MS")
echo "2. latency of a like: p50 ${p50} ms, p99 ${p99} ms (target p99 <= $TARGET_P99_MS ms: $verdict)${errors:+; $errors}"
bench_figure "like p99 ms" "$p99" "<= $TARGET_P99_MS" "$verdict"
verdict=$(bench_verdict "$off == 0 && $rows == $counted")
echo "3. exact count: $answered likes answered 204 (of $sent requests wrk's script made), the post shows" \
  "$counted likes ($rows rows): off by $off ($verdict)"
bench_figure "count off by" "$off" "== 0" "$verdict"
verdict=$(bench_verdict "$waits <= $TARGET_LOCK_WAITS")
echo "4. lock waits: at most $waits sessions waiting on a lock at once, in $samples samples" \
  "(target <= $TARGET_LOCK_WAITS: $verdict)"
bench_figure "max lock waits" "$waits" "<= $TARGET_LOCK_WAITS" "$verdict"
