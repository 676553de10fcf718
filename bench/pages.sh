#!/usr/bin/env bash
# MicroPosts home timeline page benchmark.
#
# Starts the executable jar on a fresh data directory (embedded engines, one process), registers a reader,
# seeds 100 accounts the reader follows with 100 posts each (10,000 posts, materialized into the reader's home
# timeline as the fan-out would leave them) straight into its PostgreSQL, logs in through the login form like a
# browser, then:
#   1. weighs the home page: the HTML and every stylesheet, script and icon it links (before any media);
#      target <= 100 KB;
#   2. renders it under wrk at 16 connections with the session cookie: requests/s, p50, p99 (target p99 <= 30 ms).
# Each target is reported PASS or MISS (a miss does not fail the script), and each figure also as a FIGURE
# line (bench_figure in bench/lib.sh) for bench/all.sh.
#
# Usage: bench/pages.sh   (needs a JDK 17, curl, python3; installs wrk and psql if missing)
#
# Environment:
#   DURATION         length of the measured wrk run (default 20s)
#   WARMUP_MIN       shortest warm-up, in seconds (default 60)
#   WARMUP_MAX       longest warm-up (default 180): 10 s rounds until two in a row agree within 3%
#   PORT             HTTP port (default 18083)
#   PGPORT           port of the embedded PostgreSQL (default 15434)
#   BENCH_JAVA_OPTS  JVM options (default -Xms1g -Xmx1g: a fixed heap, as on a server)
#   SKIP_BUILD       1: use the existing target/microposts-*.jar
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

DURATION=${DURATION:-20s}
WARMUP_MIN=${WARMUP_MIN:-60}
WARMUP_MAX=${WARMUP_MAX:-180}
PORT=${PORT:-18083}
PGPORT=${PGPORT:-15434}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms1g -Xmx1g}
PASSWORD="staple-Horse-42-battery"
TARGET_WEIGHT_KB=100
TARGET_P99_MS=30

# shellcheck source=bench/lib.sh
source bench/lib.sh
bench_tools wrk postgresql-client
bench_start pages --microposts.database.embedded-port="$PGPORT" --logging.level.root=warn

sql() { psql -h localhost -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
curl -fs -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"username\":\"reader\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/users"
sql <<'SQL'
insert into users (username, password_hash)
  select 'writer' || lpad(i::text, 3, '0'), (select password_hash from users where username = 'reader')
  from generate_series(1, 100) as i;
insert into follows (follower_id, followee_id)
  select (select id from users where username = 'reader'), id from users where username like 'writer%';
insert into posts (author_id, text)
  select w.id, 'Post number ' || g || ' by ' || w.username || ': a sentence or two of ordinary length, the way'
      || ' people write here, with a link-free thought that takes about this much room on the screen.'
  from users w, generate_series(1, 100) as g where w.username like 'writer%';
insert into home_timeline (owner_id, post_id, author_id)
  select (select id from users where username = 'reader'), p.id, p.author_id
  from posts p join users w on w.id = p.author_id and w.username like 'writer%';
analyze;
SQL

# log in through the form, as a browser does: the CSRF token from the login page, then the session cookie
JAR_FILE="$DATA/cookies"
csrf=$(curl -fs -c "$JAR_FILE" "$BASE/login" | python3 -c 'import re,sys; print(re.search(r"name=\"_csrf\" value=\"([^\"]+)\"", sys.stdin.read()).group(1))')
curl -fs -o /dev/null -b "$JAR_FILE" -c "$JAR_FILE" --data-urlencode "username=reader" \
  --data-urlencode "password=$PASSWORD" --data-urlencode "_csrf=$csrf" "$BASE/login"
SESSION=$(awk '$6 == "SESSION" {print $7}' "$JAR_FILE")
[[ -n "$SESSION" ]] || { echo "login failed"; exit 1; }

echo "machine: $(nproc) cores"
echo "1. home page weight (reader follows 100 accounts, 10,000 posts; 20 posts on the page)"
curl -fs -H "Cookie: SESSION=$SESSION" "$BASE/" >"$DATA/home.html"
grep -q 'Your timeline' "$DATA/home.html" || { echo "the home page did not render the timeline"; exit 1; }
posts_on_page=$(grep -c 'class="post"' "$DATA/home.html" || true)
html=$(wc -c <"$DATA/home.html")
assets=0
for asset in $(grep -oE '(href|src)="/assets/[^"]+"' "$DATA/home.html" | sed -E 's/^(href|src)="//; s/"$//'); do
  size=$(curl -fs "$BASE$asset" | wc -c)
  echo "   $asset: $size bytes"
  assets=$((assets + size))
done
total=$((html + assets))
kb=$(python3 -c "print(f'{$total / 1024:.1f}')")
verdict=$(bench_verdict "$total <= $TARGET_WEIGHT_KB * 1024")
echo "   HTML: $html bytes ($posts_on_page posts); with its stylesheet, script and icon: $total bytes" \
  "($kb KB; target <= $TARGET_WEIGHT_KB KB: $verdict)"
bench_figure "weight KB" "$kb" "<= $TARGET_WEIGHT_KB" "$verdict"

echo "2. GET / (home timeline page) under wrk, 16 connections"
bench_warm_up -H "Cookie: SESSION=$SESSION" "$BASE/"
wrk -t2 -c16 -d"$DURATION" --latency -H "Cookie: SESSION=$SESSION" "$BASE/" >"$DATA/read.txt"
read -r rps _ p99 <<<"$(bench_wrk_figures "$DATA/read.txt")"
verdict=$(bench_verdict "$p99 <= $TARGET_P99_MS")
echo "   GET / : $(bench_wrk_summary "$DATA/read.txt") (target p99 <= $TARGET_P99_MS ms: $verdict)"
bench_figure "req/s" "$rps" - -
bench_figure "p99 ms" "$p99" "<= $TARGET_P99_MS" "$verdict"
