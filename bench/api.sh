#!/usr/bin/env bash
# MicroPosts API benchmark: how the project checks its performance targets.
#
# Builds the executable jar (if needed), starts it on its embedded engines with a fresh data
# directory, seeds users and posts through the public API, then measures with wrk (-t2 -c16):
#   * start-up time, from launching the JVM until /actuator/health/readiness answers 200,
#   * GET  /api/v1/users/{u}/collection?limit=20 (a full page of 20 posts): throughput, p50, p99,
#   * POST /api/v1/users/{u}/collection (a new post, bearer token): throughput, p50, p99,
#   * the drain after the POST run: the time from the end of the run until nothing is owed by the
#     asynchronous machinery, read from /actuator/prometheus every 100 ms: in-process event deliveries
#     not completed (microposts_events_incomplete), events not yet sent to the broker
#     (microposts_bus_unsent) and tasks waiting, delayed or running on every queue but the dead letters
#     (microposts_tasks_queue_depth + _scheduled + _running), all zero in the same scrape; with the
#     backlog of each when the run ended,
#   * peak resident memory of the application and of its embedded PostgreSQL during the runs and the drain,
#   * the CPU time each request cost during each measured run, in the application's JVM and in PostgreSQL (all
#     its processes), from /proc: where a request's time goes. On a shared machine this moves with whatever
#     else runs there as throughput does, so compare builds by runs taken one after the other, more than once.
# Targets: GET >= 9,000 req/s and p99 <= 10 ms; POST >= 4,000 req/s and p99 <= 50 ms; drain <= 5 s;
# start-up <= 10 s; app RSS <= 768 MiB. Besides the human-readable summary it prints one FIGURE line
# per figure (bench_figure in bench/lib.sh) for bench/all.sh.
# Exits non-zero if the app fails or more than 1% of the requests of a run fail; a missed
# performance target (the drain not done within DRAIN_TIMEOUT_S included) is only reported
# (PASS/MISS), it does not fail the script.
#
# Usage: bench/api.sh            (from any directory; needs a JDK 17, installs wrk if missing)
#
# Environment:
#   DURATION         measured length of each wrk run (default 30s)
#   WARMUP_MIN       the shortest warm-up before each run, in seconds (default 60)
#   WARMUP_MAX       the longest warm-up before each run, in seconds (default 180). Warm-up runs
#                    10 s rounds until throughput settles (two rounds in a row within 3%), because on
#                    2 cores the JIT compiler needs a minute or more of load to compile the hot path
#   PORT             HTTP port for the app (default 18080; another free one is picked if busy)
#   BENCH_JAVA_OPTS  JVM options for the app (default -Xmx512m)
#   SKIP_BUILD       1: use the existing target/microposts-*.jar without checking it is current
#   DRAIN_TIMEOUT_S  how long to wait for the drain after the POST run before giving up (default 300)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

DURATION=${DURATION:-30s}
WARMUP_MIN=${WARMUP_MIN:-60}
WARMUP_MAX=${WARMUP_MAX:-180}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx512m}
SKIP_BUILD=${SKIP_BUILD:-0}
DRAIN_TIMEOUT_S=${DRAIN_TIMEOUT_S:-300}
THREADS=2
CONNECTIONS=16
MAX_ERROR_PERCENT=1
READY_TIMEOUT_S=180

# Targets (reported only).
TARGET_GET_RPS=9000
TARGET_GET_P99_MS=10
TARGET_POST_RPS=4000
TARGET_POST_P99_MS=50
TARGET_DRAIN_S=5
TARGET_STARTUP_S=10
TARGET_APP_RSS_MIB=768

# shellcheck source=bench/lib.sh
source bench/lib.sh # bench_figure

log() { printf '[bench] %s\n' "$*" >&2; }
die() {
    log "ERROR: $*"
    exit 1
}

# --- tools -------------------------------------------------------------------------------------

install_missing_tools() {
    local missing=()
    command -v wrk >/dev/null || missing+=(wrk)
    command -v curl >/dev/null || missing+=(curl)
    command -v python3 >/dev/null || missing+=(python3)
    command -v ps >/dev/null || missing+=(procps)
    ((${#missing[@]} == 0)) && return
    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null || die "missing ${missing[*]}, and not root (no sudo either)"
        sudo=(sudo)
    fi
    log "installing ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

install_missing_tools
command -v java >/dev/null || die "java not found; a JDK 17 is needed"

# --- build -------------------------------------------------------------------------------------

find_jar() {
    # the newest repackaged jar; *.original is the plain one spring-boot:repackage leaves behind
    local jars
    jars=$(ls -t target/microposts-*.jar 2>/dev/null | grep -v '\.original$' || true)
    head -n 1 <<<"$jars"
}

JAR=$(find_jar)
if [[ $SKIP_BUILD == 1 ]]; then
    [[ -n $JAR ]] || die "SKIP_BUILD=1 but there is no target/microposts-*.jar"
elif [[ -z $JAR || -n $(find src pom.xml -newer "$JAR" -print -quit) ]]; then
    log "building the jar (./mvnw -q -B -DskipTests package)"
    ./mvnw -q -B -DskipTests package
    JAR=$(find_jar)
    [[ -n $JAR ]] || die "the build produced no target/microposts-*.jar"
fi
log "jar: $JAR"

# --- port --------------------------------------------------------------------------------------

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [[ -n ${PORT:-} ]]; then
    port_in_use "$PORT" && die "PORT=$PORT is already in use"
else
    PORT=18080
    if port_in_use "$PORT"; then
        PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    fi
fi
BASE_URL="http://localhost:$PORT"

# --- app lifecycle -----------------------------------------------------------------------------

WORK=$(mktemp -d "${TMPDIR:-/tmp}/microposts-bench.XXXXXX")
DATA_DIR="$WORK/data"
APP_LOG="$WORK/app.log"
APP_PID=""
SAMPLER_PID=""
DRAIN_PID=""

# The postmaster's pid, from the pid file PostgreSQL keeps in its data directory.
postmaster_pid() {
    local pid_file="$DATA_DIR/postgres/postmaster.pid"
    [[ -r $pid_file ]] && head -n 1 "$pid_file" 2>/dev/null || true
}

# The embedded PostgreSQL's processes, one pid a line: the postmaster and its children. None once it stopped.
postgres_pids() {
    local pm
    pm=$(postmaster_pid)
    if [[ -n $pm ]] && kill -0 "$pm" 2>/dev/null; then
        echo "$pm"
        ps -o pid= --ppid "$pm" || true
    fi
}

# "app pg": CPU clock ticks (user + system) used so far by the app's JVM and by PostgreSQL's processes (the
# connections of the app's pool live through a run, so their time is all counted).
cpu_ticks() {
    local app total=0 pid ticks
    app=$(awk '{ print $14 + $15 }' "/proc/$APP_PID/stat" 2>/dev/null || echo 0)
    for pid in $(postgres_pids); do
        ticks=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)
        total=$((total + ticks))
    done
    echo "$app $total"
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    set +e # clean up as much as possible, whatever fails
    [[ -n $SAMPLER_PID ]] && kill "$SAMPLER_PID" 2>/dev/null && wait "$SAMPLER_PID" 2>/dev/null
    [[ -n $DRAIN_PID ]] && kill "$DRAIN_PID" 2>/dev/null && wait "$DRAIN_PID" 2>/dev/null
    if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
        log "stopping the app (SIGTERM)"
        kill -TERM "$APP_PID" 2>/dev/null || true
        # a graceful stop waits up to 30 s for requests in flight; give it twice that
        for _ in $(seq 600); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$APP_PID" 2>/dev/null && log "the app did not stop; killing it" && kill -KILL "$APP_PID"
        wait "$APP_PID" 2>/dev/null
    fi
    # A PostgreSQL left running (the app crashed) would keep the data directory busy.
    local pg
    pg=$(postmaster_pid)
    if [[ -n $pg ]] && kill -0 "$pg" 2>/dev/null; then
        log "stopping a left-over PostgreSQL (pid $pg)"
        kill -INT "$pg" 2>/dev/null || true # fast shutdown
        for _ in $(seq 100); do kill -0 "$pg" 2>/dev/null || break; sleep 0.1; done
    fi
    # Tomcat's scratch directories for this port, left in the JVM's temp directory
    [[ -e $WORK/launched ]] &&
        find /tmp -maxdepth 1 -name "tomcat*.$PORT.*" -newer "$WORK/launched" -exec rm -rf {} + 2>/dev/null
    if ((rc == 0)); then
        rm -rf "$WORK"
    else
        rm -rf "$DATA_DIR"
        log "failed (exit $rc); the app's log is kept at $APP_LOG"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Other work on the machine skews every figure; say so rather than fail. Measured over one second
# from /proc/stat (the load average would still reflect a run that just ended).
cpu_busy_percent() {
    local a b
    a=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
    sleep 1
    b=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
    awk -v a="$a" -v b="$b" 'BEGIN {
        split(a, x, " "); split(b, y, " ")
        busy = y[1] - x[1]; idle = y[2] - x[2]
        printf "%d", (busy + idle > 0) ? 100 * busy / (busy + idle) : 0
    }'
}
busy=$(cpu_busy_percent)
if ((busy > 25)); then
    log "warning: the CPUs are already ${busy}% busy before starting; other processes may skew the results"
fi

read -r -a java_opts <<<"$BENCH_JAVA_OPTS"
log "starting the app on port $PORT (java ${java_opts[*]}), log: $APP_LOG"
touch "$WORK/launched"
started_ns=$(date +%s%N)
# why: the script counts WARN and ERROR lines of the human-readable log, signs up every account from here, and
# one account posts a thousand times a second, far past any member's allowance
MICROPOSTS_LOG_FORMAT=text MICROPOSTS_DATA_DIR="$DATA_DIR" PORT="$PORT" MICROPOSTS_ACCOUNTS_SIGN_UP_PER_ADDRESS=1000000 \
  MICROPOSTS_LIMITS_POSTS_COUNT=0 MICROPOSTS_LIMITS_FOLLOWS_COUNT=0 \
  java "${java_opts[@]}" -jar "$JAR" >"$APP_LOG" 2>&1 &
APP_PID=$!

# Poll readiness every 100 ms; the time to the first 200 is the start-up time.
while :; do
    if ! kill -0 "$APP_PID" 2>/dev/null; then
        tail -n 40 "$APP_LOG" >&2 || true
        die "the app exited during start-up"
    fi
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE_URL/actuator/health/readiness" || true)
    [[ $status == 200 ]] && break
    if (($(date +%s%N) - started_ns > READY_TIMEOUT_S * 1000000000)); then
        die "the app was not ready after ${READY_TIMEOUT_S} s"
    fi
    sleep 0.1
done
STARTUP_S=$(awk -v ns=$(($(date +%s%N) - started_ns)) 'BEGIN { printf "%.1f", ns / 1e9 }')
log "ready after $STARTUP_S s"
READY_LINE=$(grep -m 1 'ready on' "$APP_LOG" || echo "(no 'ready on' line in the log)")
log "app: ${READY_LINE}"

# --- seed --------------------------------------------------------------------------------------

log "seeding through the API"
python3 bench/seed.py --base-url "$BASE_URL" --token-file "$WORK/writer.token"
WRITER_TOKEN=$(<"$WORK/writer.token")

# --- memory sampling ---------------------------------------------------------------------------

# field_kib FILE FIELD: a "Field:   123 kB" value from a /proc file, 0 if the process is gone.
field_kib() {
    local value
    value=$(awk -v field="$2:" '$1 == field { print $2; exit }' "$1" 2>/dev/null || true)
    echo "${value:-0}"
}
rss_kib() { field_kib "/proc/$1/status" VmRSS; }
pss_kib() { field_kib "/proc/$1/smaps_rollup" Pss; }

# PostgreSQL is a postmaster plus one process per connection and a few helpers; only the postmaster's
# command line names the data directory, so take it from the pid file and add its children. Summed
# RSS counts the shared buffers once per process that touched them, hence the PSS figure beside it.
postgres_memory_kib() {
    local rss=0 pss=0 pid
    for pid in $(postgres_pids); do
        rss=$((rss + $(rss_kib "$pid")))
        pss=$((pss + $(pss_kib "$pid")))
    done
    echo "$rss $pss"
}

# Samples every second into $1 as "app_rss_peak pg_rss_peak pg_pss_peak" (KiB) until killed.
sample_memory() {
    local out=$1 app_peak=0 pg_peak=0 pg_pss_peak=0 app pg pg_pss
    while :; do
        app=$(rss_kib "$APP_PID")
        read -r pg pg_pss < <(postgres_memory_kib)
        ((app > app_peak)) && app_peak=$app
        ((pg > pg_peak)) && pg_peak=$pg
        ((pg_pss > pg_pss_peak)) && pg_pss_peak=$pg_pss
        echo "$app_peak $pg_peak $pg_pss_peak" >"$out.tmp" && mv "$out.tmp" "$out"
        sleep 1
    done
}

# --- drain -------------------------------------------------------------------------------------

# drain ENDED_NS: polls the Prometheus scrape every 100 ms until nothing is owed by the asynchronous
# machinery (see the header) and prints "<done|timeout> <seconds since ENDED_NS> <events> <unsent>
# <tasks> <events> <unsent> <tasks>": the backlog in the first scrape, then in the last one ("?" where
# a gauge was absent or not a number: not yet known, so not done). One process for the whole poll: a shell loop
# spawning curl and a parser ten times a second would take CPU from the very work it waits for.
drain() {
    python3 - "$BASE_URL/actuator/prometheus" "$1" "$DRAIN_TIMEOUT_S" <<'PY'
import math, re, sys, time, urllib.request

url, ended, timeout = sys.argv[1], int(sys.argv[2]) / 1e9, float(sys.argv[3])
# metric -> the figure it counts towards; a figure is known only when all its metrics are in the scrape
FIGURES = {
    "microposts_events_incomplete": "events",
    "microposts_bus_unsent": "unsent",
    "microposts_tasks_queue_depth": "tasks",
    "microposts_tasks_queue_scheduled": "tasks",
    "microposts_tasks_queue_running": "tasks",
}
SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)")
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def owed():
    """{figure: count, or None while not known} from one scrape."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            text = response.read().decode()
    except OSError:
        return dict.fromkeys(("events", "unsent", "tasks"))
    sums, seen, unknown = {}, set(), set()
    for line in text.splitlines():
        m = SAMPLE.match(line)
        if not m or m.group(1) not in FIGURES:
            continue
        metric, figure = m.group(1), FIGURES[m.group(1)]
        if dict(LABEL.findall(m.group(2) or "")).get("queue") == "dead":
            continue
        seen.add(metric)
        try:
            value = float(m.group(3))
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            unknown.add(figure)
            continue
        sums[figure] = sums.get(figure, 0) + value
    unknown.update(figure for metric, figure in FIGURES.items() if metric not in seen)
    return {f: None if f in unknown else round(sums[f]) for f in ("events", "unsent", "tasks")}


def show(counts):
    return " ".join("?" if counts[f] is None else str(counts[f]) for f in ("events", "unsent", "tasks"))


first = None
tick = time.time()
while True:
    now = owed()
    seen_at = time.time()
    if first is None:
        first = now
    if all(v == 0 for v in now.values()):
        print(f"done {seen_at - ended:.1f} {show(first)} {show(now)}")
        break
    if seen_at - ended > timeout:
        print(f"timeout {seen_at - ended:.1f} {show(first)} {show(now)}")
        break
    tick += 0.1
    time.sleep(max(0.0, tick - time.time()))
PY
}

# --- wrk ---------------------------------------------------------------------------------------

# Reads wrk --latency output (plus collection.lua's line) and prints
# "requests rps p50_ms p99_ms errors": errors are socket errors plus responses outside 2xx.
parse_wrk() {
    awk '
        function to_ms(v) {
            if (v ~ /us$/) return v / 1000
            if (v ~ /ms$/) return v + 0
            if (v ~ /[0-9]s$/) return v * 1000
            if (v ~ /m$/) return v * 60000
            if (v ~ /h$/) return v * 3600000
            return v + 0
        }
        / requests in / { requests = $1 }
        /^Requests\/sec:/ { rps = $2 }
        $1 == "50%" { p50 = to_ms($2) }
        $1 == "99%" { p99 = to_ms($2) }
        /Socket errors:/ { gsub(",", ""); socket = $4 + $6 + $8 + $10 }
        /^ *Non-2xx or 3xx responses:/ { wrk_non2xx = $NF }
        /^non-2xx responses \(collection.lua\):/ { lua_non2xx = $NF }
        END {
            # the script counts every status outside 2xx, a superset of what wrk counts (>= 400)
            non2xx = lua_non2xx > wrk_non2xx ? lua_non2xx : wrk_non2xx
            printf "%d %.1f %.2f %.2f %d\n", requests, rps, p50, p99, socket + non2xx
        }'
}

# run_wrk NAME URL LUA_ARGS...: warm-up, then the measured run with memory sampling.
# Sets RESULT_<NAME> ("requests rps p50 p99 errors"), MEM_<NAME> ("app pg pg_pss" KiB), CPU_<NAME> (CPU clock
# ticks the measured run cost: "app pg") and
# ENDED_<NAME> (when the measured run ended, ns since the epoch). After the POST run it starts
# the drain poll in the background (DRAIN_PID, its result in $WORK/drain.txt) before anything
# else: stopping the memory sampler alone can take a second.
run_wrk() {
    local name=$1 url=$2
    shift 2
    local wrk_cmd=(wrk "-t$THREADS" "-c$CONNECTIONS" --latency -s bench/collection.lua)

    # Warm up in 10 s rounds, at least WARMUP_MIN, until two rounds in a row agree within 3% (or
    # WARMUP_MAX is spent).
    local round=0 previous=0 rps warmed=0
    while ((warmed < WARMUP_MAX)); do
        round=$((round + 1))
        "${wrk_cmd[@]}" -d10s "$url" -- "$@" >"$WORK/$name-warmup.txt"
        warmed=$((warmed + 10))
        read -r _ rps _ _ _ < <(parse_wrk <"$WORK/$name-warmup.txt")
        log "$name: warm-up round $round: $rps req/s"
        if ((warmed >= WARMUP_MIN)) && awk -v a="$rps" -v b="$previous" 'BEGIN { exit !(b > 0 && (a - b) / b < 0.03 && (b - a) / b < 0.03) }'; then
            break
        fi
        previous=$rps
    done
    WARMUP_USED[$name]="${warmed}s"

    log "$name: measuring for $DURATION"
    sample_memory "$WORK/$name-memory" &
    SAMPLER_PID=$!
    local cpu_before cpu_after
    cpu_before=$(cpu_ticks)
    "${wrk_cmd[@]}" -d"$DURATION" "$url" -- "$@" | tee "$WORK/$name.txt" >&2
    cpu_after=$(cpu_ticks)
    printf -v "ENDED_$name" '%s' "$(date +%s%N)"
    printf -v "CPU_$name" '%s' "$(awk -v a="$cpu_before" -v b="$cpu_after" 'BEGIN {
        split(a, x, " "); split(b, y, " "); print y[1] - x[1], y[2] - x[2] }')"
    if [[ $name == POST ]]; then
        drain "$ENDED_POST" >"$WORK/drain.txt" &
        DRAIN_PID=$!
    fi
    kill "$SAMPLER_PID" 2>/dev/null || true
    wait "$SAMPLER_PID" 2>/dev/null || true
    SAMPLER_PID=""

    kill -0 "$APP_PID" 2>/dev/null || die "the app died during the $name run"
    local result requests errors
    result=$(parse_wrk <"$WORK/$name.txt")
    read -r requests _ _ _ errors <<<"$result"
    printf -v "RESULT_$name" '%s' "$result"
    printf -v "MEM_$name" '%s' "$(cat "$WORK/$name-memory" 2>/dev/null || echo '0 0 0')"
    ((requests > 0)) || die "$name: wrk completed no requests"
    if ((errors * 100 > requests * MAX_ERROR_PERCENT)); then
        ERRORS_EXCEEDED+=("$name: $errors errors in $requests requests")
    fi
}

ERRORS_EXCEEDED=()
declare -A WARMUP_USED
run_wrk GET "$BASE_URL/api/v1/users/benchreader/collection?limit=20" get
run_wrk POST "$BASE_URL/api/v1/users/benchwriter/collection" post "$WRITER_TOKEN"

log "POST: waiting until nothing is owed by the events, the bus and the tasks (at most ${DRAIN_TIMEOUT_S} s)"
sample_memory "$WORK/drain-memory" &
SAMPLER_PID=$!
wait "$DRAIN_PID" || die "the drain poll failed"
DRAIN_PID=""
kill "$SAMPLER_PID" 2>/dev/null || true
wait "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=""
drain_result=$(<"$WORK/drain.txt")
read -r drain_state drain_s owed_events owed_unsent owed_tasks left_events left_unsent left_tasks <<<"$drain_result"
[[ -n ${left_tasks:-} ]] || die "the drain poll printed no result"
MEM_DRAIN=$(cat "$WORK/drain-memory" 2>/dev/null || echo '0 0 0')
kill -0 "$APP_PID" 2>/dev/null || die "the app died during the drain after the POST run"
log "drain: $drain_state after $drain_s s"

# --- summary -----------------------------------------------------------------------------------

# pass_if CONDITION: PASS when the awk condition (numbers substituted in) holds.
pass_if() { awk "BEGIN { exit !($1) }" && echo PASS || echo MISS; }
thousands() { python3 -c 'import sys; print(f"{float(sys.argv[1]):,.0f}")' "$1"; }
mib() { echo $(($1 / 1024)); }

read -r get_n get_rps get_p50 get_p99 get_err <<<"$RESULT_GET"
read -r post_n post_rps post_p50 post_p99 post_err <<<"$RESULT_POST"
read -r get_app get_pg get_pg_pss <<<"$MEM_GET"
read -r post_app post_pg post_pg_pss <<<"$MEM_POST"
read -r drain_app drain_pg drain_pg_pss <<<"$MEM_DRAIN"
# cpu_ms TICKS REQUESTS: milliseconds of CPU per request
cpu_ms() { awk -v t="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.3f", (n > 0 ? 1000 * t / hz / n : 0) }'; }
read -r get_cpu_app get_cpu_pg <<<"$CPU_GET"
read -r post_cpu_app post_cpu_pg <<<"$CPU_POST"
get_cpu_app=$(cpu_ms "$get_cpu_app" "$get_n")
get_cpu_pg=$(cpu_ms "$get_cpu_pg" "$get_n")
post_cpu_app=$(cpu_ms "$post_cpu_app" "$post_n")
post_cpu_pg=$(cpu_ms "$post_cpu_pg" "$post_n")
max3() { local m=$1; (($2 > m)) && m=$2; (($3 > m)) && m=$3; echo "$m"; }
app_peak=$(mib "$(max3 "$get_app" "$post_app" "$drain_app")")
pg_peak=$(mib "$(max3 "$get_pg" "$post_pg" "$drain_pg")")
pg_pss_peak=$(mib "$(max3 "$get_pg_pss" "$post_pg_pss" "$drain_pg_pss")")
backlog="backlog when the POST run ended: events $owed_events, unsent $owed_unsent, tasks $owed_tasks"
if [[ $drain_state == "done" ]]; then
    drain_line="$drain_s s ($backlog)"
    drain_value=$drain_s
    drain_verdict=$(pass_if "$drain_s <= $TARGET_DRAIN_S")
else
    drain_line="not done after $drain_s s ($backlog; still owed: events $left_events, unsent $left_unsent, tasks $left_tasks)"
    drain_value=">$DRAIN_TIMEOUT_S"
    drain_verdict=MISS
fi

echo
echo "== MicroPosts API benchmark ($(nproc) cores, wrk -t$THREADS -c$CONNECTIONS -d$DURATION) =="
echo "app:                $(grep -o 'MicroPosts .*' <<<"$READY_LINE" || echo "$READY_LINE")"
echo "JVM options:        ${BENCH_JAVA_OPTS}"
echo "warm-up:            GET ${WARMUP_USED[GET]}, POST ${WARMUP_USED[POST]} (until throughput settled)"
echo "start-up to ready:  $STARTUP_S s"
printf 'GET  /api/v1/users/{u}/collection (20 posts): %8s req/s   p50 %6.1f ms   p99 %6.1f ms   errors %d\n' \
    "$(thousands "$get_rps")" "$get_p50" "$get_p99" "$get_err"
printf 'POST /api/v1/users/{u}/collection:            %8s req/s   p50 %6.1f ms   p99 %6.1f ms   errors %d\n' \
    "$(thousands "$post_rps")" "$post_p50" "$post_p99" "$post_err"
echo "drain after POST:   $drain_line"
echo "CPU per request:    GET app $get_cpu_app ms + PostgreSQL $get_cpu_pg ms; POST app $post_cpu_app ms + PostgreSQL $post_cpu_pg ms"
echo "peak RSS: app $app_peak MiB (GET $(mib "$get_app"), POST $(mib "$post_app"), drain $(mib "$drain_app")), embedded PostgreSQL $pg_peak MiB summed over its processes (PSS $pg_pss_peak MiB)"
app_warnings=$(grep -c ' WARN ' "$APP_LOG" || true)
app_errors=$(grep -c ' ERROR ' "$APP_LOG" || true)
echo "app log: $app_warnings WARN, $app_errors ERROR lines"
echo "targets:"
echo "  GET  >= $TARGET_GET_RPS req/s & p99 <= $TARGET_GET_P99_MS ms:    $(pass_if "$get_rps >= $TARGET_GET_RPS && $get_p99 <= $TARGET_GET_P99_MS")"
echo "  POST >= $TARGET_POST_RPS req/s & p99 <= $TARGET_POST_P99_MS ms:    $(pass_if "$post_rps >= $TARGET_POST_RPS && $post_p99 <= $TARGET_POST_P99_MS")"
echo "  drain <= $TARGET_DRAIN_S s after the POST run:       $drain_verdict"
echo "  start-up <= $TARGET_STARTUP_S s:                    $(pass_if "$STARTUP_S <= $TARGET_STARTUP_S")"
echo "  app RSS <= $TARGET_APP_RSS_MIB MiB:                  $(pass_if "$app_peak <= $TARGET_APP_RSS_MIB")"
echo
bench_figure "GET req/s" "$get_rps" ">= $TARGET_GET_RPS" "$(pass_if "$get_rps >= $TARGET_GET_RPS")"
bench_figure "GET p99 ms" "$get_p99" "<= $TARGET_GET_P99_MS" "$(pass_if "$get_p99 <= $TARGET_GET_P99_MS")"
bench_figure "POST req/s" "$post_rps" ">= $TARGET_POST_RPS" "$(pass_if "$post_rps >= $TARGET_POST_RPS")"
bench_figure "POST p99 ms" "$post_p99" "<= $TARGET_POST_P99_MS" "$(pass_if "$post_p99 <= $TARGET_POST_P99_MS")"
bench_figure "drain after POST s" "$drain_value" "<= $TARGET_DRAIN_S" "$drain_verdict"
bench_figure "start-up s" "$STARTUP_S" "<= $TARGET_STARTUP_S" "$(pass_if "$STARTUP_S <= $TARGET_STARTUP_S")"
bench_figure "peak RSS MiB" "$app_peak" "<= $TARGET_APP_RSS_MIB" "$(pass_if "$app_peak <= $TARGET_APP_RSS_MIB")"
bench_figure "GET CPU ms/req app" "$get_cpu_app" - -
bench_figure "GET CPU ms/req PostgreSQL" "$get_cpu_pg" - -
bench_figure "POST CPU ms/req app" "$post_cpu_app" - -
bench_figure "POST CPU ms/req PostgreSQL" "$post_cpu_pg" - -

if ((app_errors > 0)); then
    log "the app logged errors (first 5):"
    grep ' ERROR ' "$APP_LOG" | head -n 5 >&2
fi

if ((${#ERRORS_EXCEEDED[@]} > 0)); then
    for line in "${ERRORS_EXCEEDED[@]}"; do log "more than $MAX_ERROR_PERCENT% errors: $line"; done
    exit 1
fi
