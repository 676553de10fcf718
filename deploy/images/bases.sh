#!/usr/bin/env bash
# Builds the base images the container test uses, from Debian's packages alone, because no image registry
# is reachable where the tests run. Each is made once and reused (podman keeps it); REBUILD_BASES=1 makes
# them again. Needs root (or sudo) for mmdebstrap and rootful podman.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
suite=${DEBIAN_SUITE:-bookworm}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
# why: a failed mmdebstrap or import ends the script (set -e) without returning from base(), so the
# half-written root file system is removed on exit rather than on return
tarball=
trap 'rm -f "$tarball"' EXIT

# why: documentation, manuals and translations are a fifth of a small Debian system and nothing reads them
slim=(
  --variant=apt
  --dpkgopt='path-exclude=/usr/share/doc/*'
  --dpkgopt='path-include=/usr/share/doc/*/copyright'
  --dpkgopt='path-exclude=/usr/share/man/*'
  --dpkgopt='path-exclude=/usr/share/info/*'
  --dpkgopt='path-exclude=/usr/share/locale/*'
  --dpkgopt='path-exclude=/usr/share/lintian/*'
  # why: update-alternatives links manual pages too and fails when their directory is missing
  --setup-hook='mkdir -p "$1"/usr/share/man/man1'
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin "$1"/var/log/*.log'
)

# base NAME PACKAGES [mmdebstrap options...] -- [podman import --change options...]
base() {
  local name=$1 packages=$2; shift 2
  local options=() changes=()
  while [[ $# -gt 0 && $1 != -- ]]; do options+=("$1"); shift; done
  [[ $# -gt 0 ]] && shift
  changes=("$@")
  if [[ ${REBUILD_BASES:-0} != 1 ]] && podman image exists "$name"; then
    echo "base $name: reused"
    return
  fi
  tarball=$(mktemp --tmpdir microposts-base.XXXXXX.tar)
  mmdebstrap --quiet "${slim[@]}" --include="$packages" "${options[@]}" "$suite" "$tarball" "$mirror"
  local change_args=()
  for change in "${changes[@]}"; do change_args+=(--change "$change"); done
  podman import --quiet "${change_args[@]}" "$tarball" "$name" >/dev/null
  rm -f "$tarball"
  echo "base $name: built ($(podman image inspect --format '{{.Size}}' "$name" | numfmt --to=iec))"
}

# The Java base of the application, the broker and the S3 store: a Java 17 runtime linked (jlink) from Debian's
# JDK with only the modules they use (half the size of Debian's full runtime), what ffmpeg loads (libxcb,
# libxcb-shm, libasound), bubblewrap (the sandbox ffmpeg runs in) and tini, so signals reach Java and zombies are reaped. The JDK it was linked from is
# removed again, and perl with it, which came only to merge /usr (usr-is-merged stands in for usrmerge), and
# the class archive for heaps over 32 GB.
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.management.rmi
modules+=,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl
modules+=,java.sql,java.transaction.xa,java.xml,java.xml.crypto,jdk.charsets,jdk.crypto.cryptoki,jdk.crypto.ec
modules+=,jdk.httpserver,jdk.jfr,jdk.localedata,jdk.management,jdk.management.agent,jdk.naming.dns,jdk.net
modules+=,jdk.security.auth,jdk.unsupported,jdk.zipfs
base localhost/microposts-jre-base:${suite} \
  openjdk-17-jdk-headless,tini,ca-certificates,libxcb1,libxcb-shm0,libasound2,bubblewrap,usr-is-merged \
  --customize-hook="chroot \"\$1\" /usr/lib/jvm/java-17-openjdk-amd64/bin/jlink --add-modules $modules --strip-java-debug-attributes --no-man-pages --no-header-files --generate-cds-archive --output /opt/java >/dev/null" \
  --customize-hook='cp --remove-destination "$1"/etc/ssl/certs/java/cacerts "$1"/opt/java/lib/security/cacerts' \
  --customize-hook='chroot "$1" dpkg --purge usrmerge libfile-find-rule-perl libnumber-compare-perl libtext-glob-perl perl libperl5.36 perl-modules-5.36 >/dev/null' \
  --customize-hook='chroot "$1" apt-mark manual tini ca-certificates libxcb1 libxcb-shm0 libasound2 bubblewrap >/dev/null' \
  --customize-hook='chroot "$1" apt-get purge -y -qq --autoremove openjdk-17-jdk-headless openjdk-17-jre-headless ca-certificates-java java-common >/dev/null' \
  --customize-hook='rm -f "$1"/opt/java/lib/server/classes_nocoops.jsa' \
  -- 'ENV PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
     'ENV JAVA_HOME=/opt/java' \
     'ENV LANG=C.UTF-8'

# PostgreSQL the way the public postgres image is driven: POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB and
# its data under /var/lib/postgresql/data.
base localhost/microposts-postgres:${suite} \
  postgresql,tini \
  --customize-hook="install -m 0755 '$here/postgres-entrypoint.sh' \"\$1/usr/local/bin/postgres-entrypoint\"" \
  --customize-hook='rm -rf "$1"/var/lib/postgresql/* "$1"/etc/postgresql' \
  --customize-hook='chroot "$1" install -d -o postgres -g postgres -m 0700 /var/lib/postgresql/data' \
  -- 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
     'ENV LANG=C.UTF-8' \
     'ENV PGDATA=/var/lib/postgresql/data' \
     'USER postgres' \
     'EXPOSE 5432' \
     'STOPSIGNAL SIGINT' \
     'ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/postgres-entrypoint"]'

# nginx, started as the public nginx image starts it, reading the /etc/nginx/nginx.conf it is given.
base localhost/microposts-nginx:${suite} \
  nginx-light \
  --customize-hook='rm -f "$1"/etc/nginx/sites-enabled/default' \
  -- 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
     'EXPOSE 80' \
     'STOPSIGNAL SIGQUIT' \
     'CMD ["nginx", "-g", "daemon off;"]'
