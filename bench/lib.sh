# Shared by the benchmark scripts: sourced, not run. Each script that starts the app with bench_start sets
# BENCH_JAVA_OPTS and PORT first; api.sh and queue.sh only use the figure helpers at the end.
# shellcheck shell=bash

# bench_tools PACKAGE...: installs the Debian packages whose commands are missing (wrk, psql: postgresql-client).
bench_tools() {
  local missing=() package
  for package in "$@"; do
    case "$package" in
      postgresql-client) command -v psql >/dev/null || missing+=("$package") ;;
      *) command -v "$package" >/dev/null || missing+=("$package") ;;
    esac
  done
  if ((${#missing[@]} > 0)); then
    local sudo=(); [[ $(id -u) -ne 0 ]] && sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# bench_start NAME [APP ARGUMENT...]: builds the jar (unless SKIP_BUILD=1), starts it on a fresh data directory
# under DATA (removed on exit, with the process) on PORT, and waits until it is ready. Sets BASE, DATA, APP_PID.
bench_start() {
  local name=$1
  shift
  if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    ./mvnw -q -B -DskipTests package
  fi
  local jar
  jar=$(ls target/microposts-*.jar | grep -v -- '-plain' | head -1)
  BASE="http://localhost:$PORT"
  DATA=$(mktemp -d -t "microposts-$name-bench-XXXXXX")
  APP_PID=
  trap bench_stop EXIT
  # why: the scripts read the log as text lines, sign up all their accounts from this one machine, and have a few
  # accounts post and follow far past any member's allowance
  # shellcheck disable=SC2086
  java $BENCH_JAVA_OPTS -jar "$jar" --server.port="$PORT" --microposts.data-dir="$DATA/app" --microposts.log.format=text \
    --microposts.accounts.sign-up.per-address=1000000 --microposts.limits.posts.count=0 \
    --microposts.limits.follows.count=0 "$@" \
    >"$DATA/app.log" 2>&1 &
  APP_PID=$!
  local _
  for _ in $(seq 1 180); do
    if curl -fs "$BASE/actuator/health/readiness" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  tail -50 "$DATA/app.log"
  exit 1
}

bench_stop() {
  if [[ -n "${APP_PID:-}" ]]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
  rm -rf "${DATA:-}"
}

# bench_warm_up WRK_ARGUMENT...: wrk in 10 s rounds, at least WARMUP_MIN seconds and until two rounds in a row
# agree within 3% (or WARMUP_MAX is spent): on 2 cores the JIT compiler needs a minute or more of load to
# compile the hot path. Prints how long it took and where throughput settled.
bench_warm_up() {
  local warmed=0 previous=0 rps
  while ((warmed < ${WARMUP_MAX:-180})); do
    rps=$(wrk -t2 -c16 -d10s "$@" | awk '/Requests\/sec/ {print $2}')
    warmed=$((warmed + 10))
    if ((warmed >= ${WARMUP_MIN:-60})) && python3 -c "import sys; sys.exit(not abs($rps - $previous) < 0.03 * $previous)"; then
      break
    fi
    previous=$rps
  done
  echo "   warm-up: ${warmed} s, until throughput settled at ${rps} requests/s"
}

# bench_wrk_summary FILE: "<requests/s> <p50> <p99> <errors>" from the output of wrk --latency.
bench_wrk_summary() {
  local rps p50 p99 errors
  rps=$(grep Requests/sec "$1" | awk '{print $2}')
  p50=$(grep -E '^\s+50%' "$1" | awk '{print $2}')
  p99=$(grep -E '^\s+99%' "$1" | awk '{print $2}')
  errors=$(grep -E 'Non-2xx|Socket errors' "$1" | tr '\n' ' ' || true)
  echo "${rps} requests/s, p50 ${p50}, p99 ${p99}${errors:+; $errors}"
}

# bench_wrk_figures FILE: "<requests/s> <p50 ms> <p99 ms>" from the output of wrk --latency, as plain numbers.
bench_wrk_figures() {
  awk '
    function to_ms(v) {
      if (v ~ /us$/) return v / 1000
      if (v ~ /ms$/) return v + 0
      if (v ~ /[0-9]s$/) return v * 1000
      if (v ~ /m$/) return v * 60000
      if (v ~ /h$/) return v * 3600000
      return v + 0
    }
    /^Requests\/sec:/ { rps = $2 }
    $1 == "50%" { p50 = to_ms($2) }
    $1 == "99%" { p99 = to_ms($2) }
    END { printf "%.1f %.2f %.2f\n", rps, p50, p99 }' "$1"
}

# bench_verdict CONDITION: PASS when the awk condition (numbers substituted in) holds, else MISS.
bench_verdict() { if awk "BEGIN { exit !($1) }"; then echo PASS; else echo MISS; fi; }

# bench_figure NAME VALUE TARGET VERDICT: the line bench/all.sh collects for its table, beside the
# human-readable output: FIGURE, name, value, target and verdict separated by tabs ("-" as the target and
# verdict of a figure without a target), e.g. "FIGURE<tab>GET p99 ms<tab>4.12<tab><= 10<tab>PASS".
bench_figure() {
  (($# == 4)) || { echo "bench_figure: NAME VALUE TARGET VERDICT, got $*" >&2; return 1; }
  printf 'FIGURE\t%s\t%s\t%s\t%s\n' "$@"
}
