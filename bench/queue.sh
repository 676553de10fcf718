#!/usr/bin/env bash
# MicroPosts queue benchmark: end-to-end throughput of the task machinery.
#
# Runs the admin command `queue-benchmark` of the executable jar on a fresh data directory: it pushes
# durable no-op tasks onto the `noop` queue through the same producer (Tasks.enqueueAll, transacted
# sessions of 500) and the same consumers (TaskWorker: transacted, acknowledged in batches after the
# handler returned) as every other queue, against the embedded Artemis with its persistent journal,
# and prints tasks per second from the first enqueue until the last task was handled.
# Target: at least 10,000 tasks/s on 2 cores (for scale: Celery 5.2 with a non-persistent Redis
# broker and two worker processes does about 1,100 tasks/s end to end on such a machine).
# Also prints the figure as a FIGURE line (bench_figure in bench/lib.sh) for bench/all.sh.
#
# Usage: bench/queue.sh [tasks] [producers]    (defaults 200000 and 2; needs a JDK 17)
#
# Environment:
#   CONSUMERS        consumer threads of the queue (default 2)
#   BENCH_JAVA_OPTS  JVM options (default -Xmx1g)
#   SKIP_BUILD       1: use the existing target/microposts-*.jar
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

TASKS=${1:-200000}
PRODUCERS=${2:-2}
CONSUMERS=${CONSUMERS:-2}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx1g}
TARGET=10000

# shellcheck source=bench/lib.sh
source bench/lib.sh # bench_figure

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -q -B -DskipTests package
fi
JAR=$(ls target/microposts-*.jar | grep -v -- '-plain' | head -1)
DATA=$(mktemp -d -t microposts-queue-bench-XXXXXX)
trap 'rm -rf "$DATA"' EXIT

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
# shellcheck disable=SC2086
OUTPUT=$(java $BENCH_JAVA_OPTS -jar "$JAR" queue-benchmark "$TASKS" "$PRODUCERS" \
  --microposts.data-dir="$DATA" --microposts.log.format=text \
  --microposts.tasks.workers=true \
  --microposts.queues.noop.concurrency="$CONSUMERS" --microposts.queues.noop.min-concurrency="$CONSUMERS" | grep -v ' WARN ')
echo "$OUTPUT"
RATE=$(echo "$OUTPUT" | sed -n 's/.*: [0-9.]* s, \([0-9,]*\) tasks\/s end to end.*/\1/p' | tr -d ,)
if [[ -z "$RATE" ]]; then
  echo "no figure printed" >&2
  exit 1
fi
if (( RATE >= TARGET )); then verdict=PASS; else verdict=MISS; fi
echo "target: >= ${TARGET} tasks/s end to end: ${verdict} (${RATE} tasks/s)"
bench_figure "tasks/s" "$RATE" ">= $TARGET" "$verdict"
