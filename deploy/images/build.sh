#!/usr/bin/env bash
# Builds every image deploy/compose.yaml needs from what this machine can reach (Debian's packages and Maven
# Central, no image registry), then prints the image's figures against their targets:
#   - the MicroPosts image's size (target <= 400 MB),
#   - the layer a change to MicroPosts' own code adds (target <= 5 MB),
#   - the time from `podman run` to ready against external PostgreSQL, Artemis and S3 (target <= 10 s).
#
#   deploy/images/build.sh          # FIGURES=1 SKIP_JAR=0 TAG=latest; needs root (or sudo) for podman
#
# Images are reused between runs (REBUILD_BASES=1 makes the Debian bases again); a FIGURE line per figure
# (name, value, target, PASS or MISS) is printed for scripts, as the benchmarks do.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
suite=${DEBIAN_SUITE:-bookworm}
tag=${TAG:-latest}
jre_base=localhost/microposts-jre-base:$suite
app=localhost/microposts:$tag

"$root/deploy/images/bases.sh"

if [[ ${SKIP_JAR:-0} != 1 ]]; then
  ./mvnw -B -ntp -q -DskipTests package
fi
jar=$(ls target/microposts-*.jar | head -n 1)
version=$(python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("META-INF/build-info.properties").decode())' "$jar" | sed -n 's/^build.version=//p')
revision=$(git rev-parse HEAD 2>/dev/null || echo unknown)

# why: the docker format keeps HEALTHCHECK, which the OCI format has no field for
build() { podman build --quiet --format docker --build-arg BASE_IMAGE="$jre_base" "$@" >/dev/null; }

build -t localhost/microposts-artemis:2.40.0 deploy/artemis
echo "image localhost/microposts-artemis:2.40.0: built"
build -t localhost/microposts-s3mock:5.2.0 deploy/s3mock
echo "image localhost/microposts-s3mock:5.2.0: built"

start=$(date +%s)
build -t "$app" --build-arg VERSION="${version:-unknown}" --build-arg REVISION="$revision" -f Containerfile .
echo "image $app: built in $(($(date +%s) - start)) s"

[[ ${FIGURES:-1} == 1 ]] || exit 0

figure() { # name value target verdict
  printf '%-32s %-12s target %-10s %s\n' "$1" "$2" "$3" "$4"
  printf 'FIGURE\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4"
}
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t) ? "PASS" : "MISS" }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1000000 }'; }

size=$(podman image inspect --format '{{.Size}}' "$app")
figure image-size-mb "$(mb "$size")" "<=400" "$(verdict "$(mb "$size")" 400)"

# A change to the application alone: the same jar with one of its own files edited, built in a context of
# its own. Whatever layers the two images do not share is what a code-only change ships.
work=$(mktemp -d --tmpdir microposts-images.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/target"
cp Containerfile "$work/"
python3 - "$jar" "$work/target/$(basename "$jar")" <<'EOF'
import sys, zipfile
source, target = sys.argv[1], sys.argv[2]
changed = "BOOT-INF/classes/application.yml"
with zipfile.ZipFile(source) as jar_in, zipfile.ZipFile(target, "w") as jar_out:
    for entry in jar_in.infolist():
        data = jar_in.read(entry.filename)
        if entry.filename == changed:
            data += b"\n# a change to the application alone\n"
        jar_out.writestr(entry, data)
print("code change: " + changed + " edited", file=sys.stderr)
EOF
build -t "$app-code-change" --build-arg VERSION="${version:-unknown}" --build-arg REVISION="$revision" "$work"
old_layers=$(podman image inspect --format '{{range .RootFS.Layers}}{{println .}}{{end}}' "$app")
# why: podman gives layer sizes only per history entry, newest first; the layers that differ are the
# ones the last COPY steps made, so their sizes are the newest non-empty entries
shared=$(comm -12 <(sort <<<"$old_layers") <(podman image inspect --format '{{range .RootFS.Layers}}{{println .}}{{end}}' "$app-code-change" | sort) | grep -c . || true)
total=$(podman image inspect --format '{{len .RootFS.Layers}}' "$app-code-change")
differing=$((total - shared))
new_bytes=$(podman history --format json "$app-code-change" | python3 -c '
import json, sys
sizes = [entry["size"] for entry in json.load(sys.stdin) if entry["size"] > 0]
print(sum(sizes[: int(sys.argv[1])]))' "$differing")
podman rmi "$app-code-change" >/dev/null
echo "code change: $differing of $total layers differ"
figure code-change-layer-mb "$(mb "$new_bytes")" "<=5" "$(verdict "$(mb "$new_bytes")" 5)"

# Start-up against external engines, on a network of its own that is removed afterwards.
net=microposts-figures-$$
secret=figures-$$-secret
podman network create "$net" >/dev/null
cleanup_engines() {
  podman rm -f -v -t 0 "$net-postgres" "$net-broker" "$net-s3" "$net-app" >/dev/null 2>&1 || true
  podman network rm -f "$net" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup_engines EXIT
podman run -d --name "$net-postgres" --network "$net" --network-alias postgres \
  -e POSTGRES_USER=microposts -e POSTGRES_PASSWORD="$secret" -e POSTGRES_DB=microposts \
  "localhost/microposts-postgres:$suite" >/dev/null
podman run -d --name "$net-broker" --network "$net" --network-alias broker \
  -e ARTEMIS_USER=microposts -e ARTEMIS_PASSWORD="$secret" localhost/microposts-artemis:2.40.0 >/dev/null
podman run -d --name "$net-s3" --network "$net" --network-alias s3 \
  -e COM_ADOBE_TESTING_S3MOCK_STORE_INITIAL_BUCKETS=microposts localhost/microposts-s3mock:5.2.0 >/dev/null
app_env=(
  -e DATABASE_URL="postgres://microposts:$secret@postgres:5432/microposts"
  -e BROKER_URL="tcp://microposts:$secret@broker:61616"
  -e STORAGE_URL="s3://microposts?endpoint=http://s3:9090&path-style=true"
  -e STORAGE_ACCESS_KEY=figures -e STORAGE_SECRET_KEY=figures
  -e MANAGEMENT_SERVER_PORT=9090
)
ready() { podman healthcheck run "$1" >/dev/null 2>&1; }
wait_for() { # container seconds
  local deadline=$((SECONDS + $2))
  until ready "$1"; do
    if ((SECONDS > deadline)); then podman logs --tail 40 "$1" >&2; echo "$1 not ready in $2 s" >&2; exit 1; fi
    sleep 0.2
  done
}
for engine in postgres broker; do
  port=$([[ $engine == postgres ]] && echo 5432 || echo 61616)
  deadline=$((SECONDS + 120))
  until podman exec "$net-$engine" bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null; do
    if ((SECONDS > deadline)); then podman logs --tail 40 "$net-$engine" >&2; echo "$engine not up in 120 s" >&2; exit 1; fi
    sleep 0.5
  done
done
# the schema first, as compose's migrate service does, so the start measured is a service's start
podman run --rm --network "$net" "${app_env[@]}" "$app" migrate >/dev/null
started=$(date +%s.%N)
podman run -d --name "$net-app" --network "$net" "${app_env[@]}" "$app" >/dev/null
wait_for "$net-app" 120
seconds=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
figure start-to-ready-s "$seconds" "<=10" "$(verdict "$seconds" 10)"
