#!/usr/bin/env bash
# Local stand-ins for the Dockerfile's base images (node:20-bookworm, node:20-bookworm-slim) and
# compose.yaml's postgres:15-bookworm, made from Debian's packages – for a machine that reaches a Debian
# mirror and the npm registry but no container registry. Debian trixie's `nodejs` is Node 20, so the
# images are trixie, not bookworm (bookworm's own nodejs is 18, below package.json's engines).
#   sudo scripts/container-base.sh                       # node and node-slim
#   sudo scripts/container-base.sh node node-slim postgres
# then: podman build --build-arg NODE_IMAGE=localhost/node:20-trixie \
#         --build-arg NODE_SLIM_IMAGE=localhost/node:20-trixie-slim -t vraagwijzer .
# Needs root, mmdebstrap and podman (apt-get install mmdebstrap podman).
set -euo pipefail
SUITE="${SUITE:-trixie}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
SECURITY="${SECURITY:-http://deb.debian.org/debian-security}"
PREFIX="${PREFIX:-localhost}"
# CA certificates the build base trusts besides Debian's: a host whose HTTPS goes through an
# intercepting proxy has that proxy's CA here, and npm ci in the image needs it to reach the registry.
EXTRA_CA_DIR="${EXTRA_CA_DIR:-/usr/local/share/ca-certificates}"
IMAGES=("$@")
[ ${#IMAGES[@]} -gt 0 ] || IMAGES=(node node-slim)
SOURCES=("deb $MIRROR $SUITE main" "deb $MIRROR $SUITE-updates main" "deb $SECURITY $SUITE-security main")
STD_PATH='PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

for tool in mmdebstrap podman; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install $tool" >&2; exit 1; }
done

# rootfs <packages> <hook>… : a minbase Debian tree with the packages, streamed as a tar on stdout.
rootfs() {
  local packages="$1"; shift
  local hooks=()
  for hook in "$@"; do hooks+=(--customize-hook="$hook"); done
  mmdebstrap --quiet --variant=minbase --include="$packages" \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias' \
    "${hooks[@]}" "$SUITE" - "${SOURCES[@]}"
}

# The official node images have a user `node` (uid/gid 1000) that the Dockerfile switches to.
NODE_USER='chroot "$1" useradd --uid 1000 --user-group --create-home --shell /bin/bash node'
# Debian's node-gyp finds Node's headers under /usr (libnode-dev) instead of downloading them from
# nodejs.org, which is not reachable either; better-sqlite3 builds from source when its prebuilt
# binary (from GitHub) cannot be fetched.
NPM_CONFIG='printf "nodedir=/usr\ncafile=/etc/ssl/certs/ca-certificates.crt\n" > "$1"/etc/npmrc'
EXTRA_CA="if ls '$EXTRA_CA_DIR'/*.crt >/dev/null 2>&1; then
  cp '$EXTRA_CA_DIR'/*.crt \"\$1\"/usr/local/share/ca-certificates/ && chroot \"\$1\" update-ca-certificates >&2; fi"

wants() { [[ " ${IMAGES[*]} " == *" $1 "* ]]; }

if wants node; then
  echo "building $PREFIX/node:20-$SUITE (nodejs, npm, python3, make, g++)…"
  rootfs nodejs,npm,libnode-dev,python3,make,g++,ca-certificates,passwd "$NODE_USER" "$NPM_CONFIG" "$EXTRA_CA" |
    podman import --change "ENV $STD_PATH" --change 'CMD ["node"]' - "$PREFIX/node:20-$SUITE"
fi

if wants node-slim; then
  echo "building $PREFIX/node:20-$SUITE-slim (nodejs only)…"
  rootfs nodejs,ca-certificates,passwd "$NODE_USER" |
    podman import --change "ENV $STD_PATH" --change 'CMD ["node"]' - "$PREFIX/node:20-$SUITE-slim"
fi

if wants postgres; then
  # Not the official image's entrypoint (initdb from POSTGRES_* variables): a small one that does the
  # same for compose.yaml – first start makes the cluster, the superuser POSTGRES_USER and the database
  # POSTGRES_DB (default: named after the user, as the official image does), then runs postgres.
  ENTRYPOINT='cat > "$1"/usr/local/bin/pg-entrypoint <<"EOF"
#!/bin/sh
set -eu
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | tail -1)
export PGDATA="${PGDATA:-/var/lib/postgresql/data}"
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /run/postgresql && chown -R postgres:postgres "$PGDATA" /run/postgresql && chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile=$(mktemp); printf "%s" "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}" > "$pwfile"
  "$PGBIN/initdb" --username="${POSTGRES_USER:-postgres}" --pwfile="$pwfile" --auth-host=scram-sha-256 --auth-local=trust >/dev/null
  rm -f "$pwfile"
  echo "listen_addresses = '"'"'*'"'"'" >> "$PGDATA/postgresql.conf"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  db="${POSTGRES_DB:-${POSTGRES_USER:-postgres}}"
  if [ "$db" != postgres ]; then
    "$PGBIN/postgres" --single -D "$PGDATA" postgres <<SQL >/dev/null
CREATE DATABASE "$db" OWNER "${POSTGRES_USER:-postgres}";
SQL
  fi
fi
exec "$PGBIN/postgres" -D "$PGDATA"
EOF
chmod 755 "$1"/usr/local/bin/pg-entrypoint'
  echo "building $PREFIX/postgres:$SUITE (Debian's postgresql)…"
  rootfs postgresql,util-linux "$ENTRYPOINT" |
    podman import --change "ENV $STD_PATH" --change 'ENTRYPOINT ["/usr/local/bin/pg-entrypoint"]' \
      --change 'STOPSIGNAL SIGINT' --change 'EXPOSE 5432' - "$PREFIX/postgres:$SUITE"
fi
podman images --filter "reference=$PREFIX/*"
