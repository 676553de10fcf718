#!/usr/bin/env bash
# MicroPosts idle benchmark: what a process costs when nobody uses it.
#
# Starts the executable jar on a fresh data directory (embedded engines, one process, every role), waits SETTLE
# seconds for its start-up work to end (compiling, first duties), then measures, over MEASURE seconds with no
# requests at all: the CPU the JVM used, the CPU the embedded PostgreSQL used (the server and its backends, those
# that ended included), and the transactions PostgreSQL committed. A self-hosted instance is idle most of the day;
# what it does then is what its machine pays for nothing. Prints each as a share of one core (and transactions/s),
# and each figure also as a FIGURE line (bench_figure in bench/lib.sh) for bench/all.sh. No targets: the figures
# are there to be compared from one change to the next.
#
# Usage: bench/idle.sh   (needs a JDK 17, curl and Linux's /proc; installs psql if missing)
#
# Environment:
#   SETTLE           seconds between ready and the measurement (default 60)
#   MEASURE          seconds measured (default 60)
#   PORT             HTTP port (default 18087)
#   PGPORT           port of the embedded PostgreSQL (default 15438)
#   BENCH_JAVA_OPTS  JVM options (default -Xms1g -Xmx1g: a fixed heap, as on a server)
#   SKIP_BUILD       1: use the existing target/microposts-*.jar
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

SETTLE=${SETTLE:-60}
MEASURE=${MEASURE:-60}
PORT=${PORT:-18087}
PGPORT=${PGPORT:-15438}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms1g -Xmx1g}

# shellcheck source=bench/lib.sh
source bench/lib.sh
bench_tools postgresql-client
bench_start idle --microposts.database.embedded-port="$PGPORT" --logging.level.root=warn

TICKS=$(getconf CLK_TCK)
# CPU ticks of one process (user and system), with those of its children it has reaped when asked
ticks() { awk -v reaped="${2:-0}" '{ print $14 + $15 + (reaped ? $16 + $17 : 0) }' "/proc/$1/stat" 2>/dev/null || echo 0; }
postmaster() { pgrep -f "bin/postgres -D .* -p $PGPORT( |$)" | head -1; }
postgres_ticks() {
  local server total child
  server=$(postmaster)
  total=$(ticks "$server" 1)
  for child in $(pgrep -P "$server"); do total=$((total + $(ticks "$child"))); done
  echo "$total"
}
transactions() {
  psql -h localhost -p "$PGPORT" -U postgres -d postgres -qAt \
    -c "select sum(xact_commit + xact_rollback) from pg_stat_database"
}
[[ -n $(postmaster) ]] || { echo "no PostgreSQL server found on port $PGPORT"; exit 1; }

echo "machine: $(nproc) cores"
echo "1. the process at rest: ready, then $SETTLE s left alone, then $MEASURE s measured with no requests"
sleep "$SETTLE"
jvm0=$(ticks "$APP_PID"); pg0=$(postgres_ticks); tx0=$(transactions)
sleep "$MEASURE"
jvm1=$(ticks "$APP_PID"); pg1=$(postgres_ticks); tx1=$(transactions)
# why: the statement reading pg_stat_database is a transaction of its own, counted in the second reading
read -r jvm pg tps <<<"$(awk -v j=$((jvm1 - jvm0)) -v p=$((pg1 - pg0)) -v t=$((tx1 - tx0 - 1)) -v hz="$TICKS" \
  -v s="$MEASURE" 'BEGIN { printf "%.1f %.1f %.1f\n", 100 * j / hz / s, 100 * p / hz / s, t / s }')"
echo "   JVM: ${jvm}% of a core; PostgreSQL: ${pg}% of a core, ${tps} transactions/s"
bench_figure "JVM CPU % of a core" "$jvm" - -
bench_figure "PostgreSQL CPU % of a core" "$pg" - -
bench_figure "PostgreSQL transactions/s" "$tps" - -
