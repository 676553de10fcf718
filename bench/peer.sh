#!/usr/bin/env bash
# MicroPosts beside its peer: the book's chapter-6 microposts API (Django and Django REST framework under uWSGI,
# 2 processes, SQLite, DEBUG off), measured with the same wrk load as bench/api.sh, then bench/api.sh itself, in
# one run on one machine, ending with the ratios. The goal is MicroPosts at 10x the peer or more, reads and writes.
#
# The peer's code is not part of MicroPosts: point PEER_DIR at a checkout of the book's public repository
# (github.com/PacktPublishing/Python-Architecture-Patterns); the script copies its chapter_06_web_server/microposts
# into a temporary directory, adds a settings module that turns DEBUG off and points SQLite there, and leaves
# the checkout untouched. Without PEER_DIR it says so and exits 2.
#
# Both serve the same resources, as alike as the peer allows: GET /users/{u}/collection of a user with 20 posts
# (the peer has no paging and returns them all; MicroPosts is asked for ?limit=20) and POST of a new post to a
# collection (the peer has no authentication; MicroPosts checks a bearer token). The peer's URLs are under /api/,
# MicroPosts' under /api/v1/.
#
# Usage: PEER_DIR=/path/to/Python-Architecture-Patterns bench/peer.sh
#
# Environment: DURATION, WARMUP_MIN, WARMUP_MAX as for bench/api.sh (passed on to it), and
#   PEER_PORT   the peer's HTTP port (default 18090)
#   SKIP_API    1: measure the peer only (no ratios)
# Installs wrk, python3-django, python3-djangorestframework, uwsgi and uwsgi-plugin-python3 if missing.
# Prints FIGURE lines (bench_figure in bench/lib.sh): the peer's figures and the two ratios, with a target of 10.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh # bench_tools, bench_warm_up, bench_wrk_figures, bench_figure, bench_verdict

DURATION=${DURATION:-30s}
PEER_PORT=${PEER_PORT:-18090}
TARGET_RATIO=10
# why: Debian's Django and uWSGI plugin are installed for the system Python, which may not be the first on PATH
PYTHON=/usr/bin/python3
SOURCE=${PEER_DIR:-}/chapter_06_web_server/microposts
if [[ -z ${PEER_DIR:-} || ! -f $SOURCE/manage.py ]]; then
  echo "bench/peer.sh: set PEER_DIR to a checkout of github.com/PacktPublishing/Python-Architecture-Patterns" >&2
  echo "  (the script runs its chapter_06_web_server/microposts; got PEER_DIR='${PEER_DIR:-}')" >&2
  exit 2
fi

bench_tools wrk uwsgi
if ! "$PYTHON" -c 'import django, rest_framework' 2>/dev/null || ! ls /usr/lib/uwsgi/plugins/python3*_plugin.so >/dev/null 2>&1; then
  sudo=(); [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    python3-django python3-djangorestframework uwsgi uwsgi-plugin-python3 >/dev/null
fi

WORK=$(mktemp -d -t microposts-peer-XXXXXX)
PEER_PID=
cleanup() {
  if [[ -n $PEER_PID ]]; then kill -INT "$PEER_PID" 2>/dev/null || true; wait "$PEER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

cp -r "$SOURCE" "$WORK/peer"
cat >"$WORK/peer/bench_settings.py" <<EOF
from microposts.settings import *  # noqa: F401,F403 -- the peer's own settings, then what a production run changes

DEBUG = False
ALLOWED_HOSTS = ["*"]
DATABASES["default"]["NAME"] = "$WORK/db.sqlite3"
EOF
peer() { (cd "$WORK/peer" && DJANGO_SETTINGS_MODULE=bench_settings "$PYTHON" manage.py "$@"); }
peer migrate -v 0
peer shell -c '
from api.models import Usr, Micropost
reader = Usr.objects.create(username="benchreader")
Usr.objects.create(username="benchwriter")
for n in range(20):
    Micropost.objects.create(user=reader, text=f"Post {n} by benchreader: the quick brown fox jumps over the lazy dog.")
'

echo "[peer] starting uWSGI (2 processes) on port $PEER_PORT"
(cd "$WORK/peer" && exec uwsgi --plugin python3 --http-socket "127.0.0.1:$PEER_PORT" --master --processes 2 \
  --module microposts.wsgi --env DJANGO_SETTINGS_MODULE=bench_settings --disable-logging --die-on-term \
  >"$WORK/uwsgi.log" 2>&1) &
PEER_PID=$!
for _ in $(seq 1 60); do
  curl -fs -o /dev/null "http://127.0.0.1:$PEER_PORT/api/users/benchreader/collection" && break
  sleep 1
done
count=$(curl -fs "http://127.0.0.1:$PEER_PORT/api/users/benchreader/collection" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')
((count == 20)) || { tail -20 "$WORK/uwsgi.log"; echo "[peer] expected 20 posts, got $count" >&2; exit 1; }

GET_URL="http://127.0.0.1:$PEER_PORT/api/users/benchreader/collection"
POST_URL="http://127.0.0.1:$PEER_PORT/api/users/benchwriter/collection"
echo "[peer] GET $GET_URL"
bench_warm_up -s bench/collection.lua "$GET_URL" -- get
wrk -t2 -c16 --latency -d"$DURATION" -s bench/collection.lua "$GET_URL" -- get >"$WORK/get.txt"
echo "[peer] POST $POST_URL"
bench_warm_up -s bench/collection.lua "$POST_URL" -- post unused
wrk -t2 -c16 --latency -d"$DURATION" -s bench/collection.lua "$POST_URL" -- post unused >"$WORK/post.txt"
for run in get post; do
  non2xx=$(awk '/non-2xx responses \(collection.lua\):/ { print $NF }' "$WORK/$run.txt")
  ((${non2xx:-1} == 0)) || { cat "$WORK/$run.txt"; echo "[peer] $run: $non2xx responses outside 2xx" >&2; exit 1; }
done
read -r peer_get_rps peer_get_p50 peer_get_p99 < <(bench_wrk_figures "$WORK/get.txt")
read -r peer_post_rps peer_post_p50 peer_post_p99 < <(bench_wrk_figures "$WORK/post.txt")
kill -INT "$PEER_PID" 2>/dev/null || true
wait "$PEER_PID" 2>/dev/null || true
PEER_PID=

echo
echo "== the book's chapter-6 app (Django REST framework, uWSGI 2 processes, SQLite), wrk -t2 -c16 -d$DURATION =="
echo "GET  collection (20 posts): ${peer_get_rps} req/s, p50 ${peer_get_p50} ms, p99 ${peer_get_p99} ms"
echo "POST collection:            ${peer_post_rps} req/s, p50 ${peer_post_p50} ms, p99 ${peer_post_p99} ms"
bench_figure "peer GET req/s" "$peer_get_rps" - -
bench_figure "peer POST req/s" "$peer_post_rps" - -
[[ ${SKIP_API:-0} == 1 ]] && exit 0

echo
echo "== MicroPosts, the same load (bench/api.sh) =="
bench/api.sh | tee "$WORK/api.txt"
ours() { awk -F '\t' -v name="$1" '$1 == "FIGURE" && $2 == name { print $3 }' "$WORK/api.txt"; }
get_ratio=$(awk -v a="$(ours 'GET req/s')" -v b="$peer_get_rps" 'BEGIN { printf "%.1f", a / b }')
post_ratio=$(awk -v a="$(ours 'POST req/s')" -v b="$peer_post_rps" 'BEGIN { printf "%.1f", a / b }')
echo
echo "== MicroPosts / the book's app, same machine, same run =="
echo "GET:  ${get_ratio}x   (target >= ${TARGET_RATIO}x)"
echo "POST: ${post_ratio}x   (target >= ${TARGET_RATIO}x)"
bench_figure "GET ratio to peer" "$get_ratio" ">= $TARGET_RATIO" "$(bench_verdict "$get_ratio >= $TARGET_RATIO")"
bench_figure "POST ratio to peer" "$post_ratio" ">= $TARGET_RATIO" "$(bench_verdict "$post_ratio >= $TARGET_RATIO")"
