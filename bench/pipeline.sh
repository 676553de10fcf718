#!/usr/bin/env bash
# MicroPosts video pipeline benchmark.
#
# Starts the executable jar on a fresh data directory (embedded engines, all queues in one process),
# generates a 10-second 1080p30 H.264 clip with sound, then, ROUNDS times each and alternating:
#   * peer: the best single hand-written ffmpeg command producing the same outputs (decoding once,
#     the same five renditions with the same encoder settings, faststart, and the three thumbnails),
#   * pipeline: upload through the API and poll until `ready`, timing from the 202 answer to the
#     first playable rendition, to the thumbnail, and to `ready` (all renditions and thumbnails).
# Prints the best time of each and their ratio. Target: pipeline within 1.15x of the peer.
# Also prints each figure as a FIGURE line (bench_figure in bench/lib.sh) for bench/all.sh.
#
# Usage: bench/pipeline.sh   (needs a JDK 17, curl and python3)
#
# Environment:
#   ROUNDS           measured rounds of each (default 3)
#   PORT             HTTP port (default 18081)
#   BENCH_JAVA_OPTS  JVM options (default -Xmx512m)
#   SKIP_BUILD       1: use the existing target/microposts-*.jar
#   APP_ARGS         settings for the app, e.g. --microposts.media.first-group=0 (one transcode task)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

ROUNDS=${ROUNDS:-3}
PORT=${PORT:-18081}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx512m}
TARGET_RATIO=1.15

now() { date +%s.%N; }
since() { python3 -c "print(f'{$(now) - $1:.2f}')"; }

# shellcheck source=bench/lib.sh
source bench/lib.sh
# shellcheck disable=SC2086
bench_start pipeline ${APP_ARGS:-}
FFMPEG=$(ls "$DATA"/app/ffmpeg/*/ffmpeg | head -1)

SRC="$DATA/clip.mp4"
"$FFMPEG" -nostdin -v error -y -f lavfi -i testsrc2=size=1920x1080:rate=30:duration=10 \
  -f lavfi -i sine=frequency=440:duration=10 -c:v libx264 -preset medium -crf 20 -pix_fmt yuv420p \
  -c:a aac -b:a 128k -shortest "$SRC"

curl -fs -o /dev/null -H 'Content-Type: application/json' \
  -d '{"username":"pipeline_runner","password":"staple-Horse-42-battery"}' "$BASE/api/v1/users"
TOKEN=$(curl -fs -H 'Content-Type: application/json' \
  -d '{"username":"pipeline_runner","password":"staple-Horse-42-battery"}' "$BASE/api/v1/token" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')

# The peer: one ffmpeg, one decode, the same outputs the pipeline makes for this clip. Bitrate caps
# are the pipeline's (0.07 bits per pixel at 30 fps), audio 64/96/96/128/128 kb/s, thumbnails from
# a quarter in with the same filter.
peer() {
  local out="$DATA/peer"
  rm -rf "$out"; mkdir -p "$out"
  local v=(-c:v libx264 -preset veryfast -profile:v high -crf 23 -fpsmax 60 -map_metadata -1 -movflags +faststart)
  "$FFMPEG" -nostdin -v error -y -i "$SRC" -ss 2.5 -i "$SRC" -filter_complex \
    "[0:v:0]split=5[a][b][c][d][e];[a]scale=426:240,setsar=1,format=yuv420p[v240];[b]scale=640:360,setsar=1,format=yuv420p[v360];[c]scale=854:480,setsar=1,format=yuv420p[v480];[d]scale=1280:720,setsar=1,format=yuv420p[v720];[e]scale=1920:1080,setsar=1,format=yuv420p[v1080];[1:v:0]thumbnail=30,split=3[t1][t2][t3];[t1]scale=640:360,setsar=1[t640];[t2]scale=1280:720,setsar=1[t1280];[t3]scale=320:180,setsar=1[t320]" \
    -map '[v240]' -map 0:a:0 -c:a aac -b:a 64k -ac 2 "${v[@]}" -maxrate 215k -bufsize 430k "$out/240.mp4" \
    -map '[v360]' -map 0:a:0 -c:a aac -b:a 96k -ac 2 "${v[@]}" -maxrate 484k -bufsize 968k "$out/360.mp4" \
    -map '[v480]' -map 0:a:0 -c:a aac -b:a 96k -ac 2 "${v[@]}" -maxrate 861k -bufsize 1722k "$out/480.mp4" \
    -map '[v720]' -map 0:a:0 -c:a aac -b:a 128k -ac 2 "${v[@]}" -maxrate 1935k -bufsize 3870k "$out/720.mp4" \
    -map '[v1080]' -map 0:a:0 -c:a aac -b:a 128k -ac 2 "${v[@]}" -maxrate 4355k -bufsize 8710k "$out/1080.mp4" \
    -map '[t640]' -frames:v 1 -c:v mjpeg -q:v 3 -update 1 "$out/thumb-640.jpg" \
    -map '[t1280]' -frames:v 1 -c:v mjpeg -q:v 3 -update 1 "$out/thumb-1280.jpg" \
    -map '[t320]' -frames:v 1 -c:v mjpeg -q:v 3 -update 1 "$out/thumb-320.jpg"
}

# One poller process per upload: a shell loop spawning curl and python every few milliseconds would
# take CPU from the very pipeline it times.
pipeline() {
  python3 - "$BASE" "$TOKEN" "$SRC" <<'PY'
import json, sys, time, urllib.request
base, token, src = sys.argv[1:4]
with open(src, "rb") as f:
    body = f.read()
upload = urllib.request.Request(base + "/api/v1/media", data=body, headers={
    "Authorization": "Bearer " + token, "Content-Type": "application/octet-stream"})
media = json.load(urllib.request.urlopen(upload))
start = time.monotonic()
first = thumb = None
while True:
    # an upload on no post is visible to its owner alone
    m = json.load(urllib.request.urlopen(urllib.request.Request(
        base + "/api/v1/media/" + media["id"], headers={"Authorization": "Bearer " + token})))
    elapsed = time.monotonic() - start
    if first is None and m["renditions"]:
        first = elapsed
    if thumb is None and m["thumbnail_url"]:
        thumb = elapsed
    if m["status"] == "failed":
        sys.exit("pipeline failed: " + json.dumps(m))
    if m["status"] == "ready":
        print(f"{first:.2f} {thumb:.2f} {elapsed:.2f}")
        break
    time.sleep(0.05)
PY
}

echo "machine: $(nproc) cores; clip: 10 s 1920x1080 30 fps H.264 + AAC; ffmpeg: $FFMPEG"
peer >/dev/null; pipeline >/dev/null   # warm-up: page cache, JIT
best_peer=999; best_ready=999; best_first=999; best_thumb=999
for round in $(seq 1 "$ROUNDS"); do
  t0=$(now); peer; p=$(since "$t0")
  read -r f t r <<<"$(pipeline)"
  echo "round $round: peer ${p} s; pipeline: first rendition ${f} s, thumbnail ${t} s, ready ${r} s"
  best_peer=$(python3 -c "print(min($best_peer, $p))")
  best_ready=$(python3 -c "print(min($best_ready, $r))")
  best_first=$(python3 -c "print(min($best_first, $f))")
  best_thumb=$(python3 -c "print(min($best_thumb, $t))")
done
ratio=$(python3 -c "print(f'{$best_ready / $best_peer:.2f}')")
verdict=$(python3 -c "print('PASS' if $best_ready / $best_peer <= $TARGET_RATIO else 'MISS')")
echo "best: peer (single ffmpeg command) ${best_peer} s; pipeline upload-accepted-to-ready ${best_ready} s" \
  "(first playable rendition ${best_first} s, thumbnail ${best_thumb} s)"
echo "target: pipeline <= ${TARGET_RATIO}x the single command: ${verdict} (${ratio}x)"
bench_figure "ratio" "$ratio" "<= $TARGET_RATIO" "$verdict"
bench_figure "ready s" "$best_ready" - -
bench_figure "peer s" "$best_peer" - -
bench_figure "first rendition s" "$best_first" - -
bench_figure "thumbnail s" "$best_thumb" - -

# What the application measured of itself over the warm-up and the rounds (microposts_media_encode_speed,
# microposts_media_uploads_bytes, microposts_media_output_bytes_total).
curl -fs "$BASE/actuator/prometheus" | python3 -c '
import re, sys
speed, count, out, uploaded = {}, {}, {}, 0.0
for line in sys.stdin:
    m = re.match(r"(\w+)\{([^}]*)\} (\S+)", line)
    if not m:
        continue
    name, labels, value = m.group(1), dict(re.findall(r"(\w+)=\"([^\"]*)\"", m.group(2))), float(m.group(3))
    if name == "microposts_media_encode_speed_sum":
        speed[labels["rendition"]] = value
    elif name == "microposts_media_encode_speed_count":
        count[labels["rendition"]] = value
    elif name == "microposts_media_output_bytes_total":
        out[labels["kind"]] = out.get(labels["kind"], 0) + value
    elif name == "microposts_media_uploads_bytes_sum":
        uploaded += value
order = lambda r: int(r[:-1]) if r[:-1].isdigit() else 0
print("app metrics: encode speed (mean x realtime) by rendition: "
      + ", ".join(f"{r} {speed[r] / count[r]:.2f}x" for r in sorted(speed, key=order) if count.get(r)))
print(f"app metrics: bytes in {uploaded / 1e6:.1f} MB; out "
      + ", ".join(f"{kind}s {total / 1e6:.1f} MB" for kind, total in sorted(out.items())))
'
