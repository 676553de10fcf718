#!/usr/bin/env bash
# MicroPosts benchmarks, all of them: what to run before calling a change to a measured path done.
#
# Builds the jar once, then runs bench/api.sh, fanout.sh, pages.sh, pipeline.sh, queue.sh, likes.sh, thread.sh
# and idle.sh in turn (or the ones named) with SKIP_BUILD=1, one at a time, saving each script's full output (stdout and stderr)
# as OUT/<name>.log. Ends with one table of every figure the scripts printed (their FIGURE lines, see
# bench_figure in bench/lib.sh): its value, its target and PASS or MISS; the table is also saved as
# OUT/summary.txt. A script that fails (exits non-zero, or prints no figure) is a row with FAILED, the
# others still run, and all.sh exits non-zero at the end; a missed target alone does not fail it.
# Run on a quiet machine: other work skews every figure. All eight take roughly forty-five minutes on 2 cores.
#
# Usage: bench/all.sh [api|fanout|pages|pipeline|queue|likes|thread|idle]...   (default: all eight, in that order)
#
# Environment (everything is passed on to the scripts, so e.g. DURATION, WARMUP_MIN, WARMUP_MAX, ROUNDS,
# WARMUP, RATE, SETTLE, MEASURE, PORT, BENCH_JAVA_OPTS reach each of them; see their headers):
#   OUT              directory for the outputs (default: a fresh mktemp directory, printed)
#   QUEUE_TASKS      tasks for bench/queue.sh, its first argument (default 200000)
#   QUEUE_PRODUCERS  producers for bench/queue.sh, its second argument (default 2)
#   SKIP_BUILD       1: do not build first; use the existing target/microposts-*.jar
#
# A quick check of the scripts themselves (not a measurement):
#   DURATION=3s WARMUP_MIN=0 WARMUP_MAX=10 ROUNDS=1 QUEUE_TASKS=20000 bench/all.sh api fanout queue
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

ALL=(api fanout pages pipeline queue likes thread idle)
QUEUE_TASKS=${QUEUE_TASKS:-200000}
QUEUE_PRODUCERS=${QUEUE_PRODUCERS:-2}

usage() {
  local IFS='|'
  echo "usage: bench/all.sh [${ALL[*]}]...   (default: all of them)" >&2
  exit 2
}

names=("$@")
((${#names[@]} > 0)) || names=("${ALL[@]}")
for name in "${names[@]}"; do
  [[ " ${ALL[*]} " == *" $name "* ]] || { echo "unknown benchmark: $name" >&2; usage; }
done

if [[ -n ${OUT:-} ]]; then
  mkdir -p "$OUT"
else
  OUT=$(mktemp -d "${TMPDIR:-/tmp}/microposts-bench-all.XXXXXX")
fi
OUT=$(cd "$OUT" && pwd)
echo "outputs in $OUT"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "building the jar (./mvnw -q -B -DskipTests package)"
  ./mvnw -q -B -DskipTests package
fi
export SKIP_BUILD=1

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git status --porcelain --untracked-files=no 2>/dev/null) ]]; then commit="$commit with uncommitted changes"; fi
ROWS="$OUT/figures.tsv" # name, value, target, verdict: one row a figure
: >"$ROWS"
failed=()
for name in "${names[@]}"; do
  log="$OUT/$name.log"
  args=()
  if [[ $name == queue ]]; then args=("$QUEUE_TASKS" "$QUEUE_PRODUCERS"); fi
  echo "== $name: bench/$name.sh${args[*]:+ ${args[*]}} (output: $log)"
  start=$(date +%s)
  rc=0
  "bench/$name.sh" "${args[@]}" </dev/null >"$log" 2>&1 || rc=$?
  figures=$(awk -F '\t' -v name="$name" '$1 == "FIGURE" && NF == 5 { print name " " $2 "\t" $3 "\t" $4 "\t" $5 }' "$log")
  if [[ -n $figures ]]; then echo "$figures" >>"$ROWS"; fi
  if ((rc != 0)) || [[ -z $figures ]]; then
    why="exit $rc"
    ((rc != 0)) || why="no figures"
    printf '%s\t%s\t%s\t%s\n' "$name" FAILED "$why; see $name.log" FAILED >>"$ROWS"
    failed+=("$name")
    echo "   FAILED ($why) after $(($(date +%s) - start)) s; the end of its output:"
    tail -n 15 "$log" | sed 's/^/   | /'
  else
    echo "   done after $(($(date +%s) - start)) s"
  fi
done

# The table: aligned columns, with a header naming what was measured.
{
  echo
  echo "== MicroPosts benchmarks: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit, $(nproc) cores, outputs in $OUT =="
  awk -F '\t' '
    { for (i = 1; i <= 4; i++) { cell[NR, i] = $i; if (length($i) > width[i]) width[i] = length($i) } }
    END {
      split("figure value target verdict", head, " ")
      for (i = 1; i <= 4; i++) if (length(head[i]) > width[i]) width[i] = length(head[i])
      format = "%-" width[1] "s  %" width[2] "s  %-" width[3] "s  %s\n"
      printf format, head[1], head[2], head[3], head[4]
      printf format, "------", "-----", "------", "-------"
      for (r = 1; r <= NR; r++) printf format, cell[r, 1], cell[r, 2], cell[r, 3], cell[r, 4]
    }' "$ROWS"
  count() { awk -F '\t' -v verdict="$1" '$4 == verdict' "$ROWS" | wc -l; }
  echo "$(count PASS) PASS, $(count MISS) MISS, ${#failed[@]} FAILED${failed[*]:+ (${failed[*]})}"
} | tee "$OUT/summary.txt"

((${#failed[@]} == 0))
