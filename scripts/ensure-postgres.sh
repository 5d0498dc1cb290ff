#!/usr/bin/env bash
# The PostgreSQL suites (and the two-node test) start a throwaway cluster with Debian's server
# binaries (test/support/postgres-setup.ts). Installs them when missing and we may (root);
# otherwise says what to do. PG_URL=postgres://… uses a server of your own instead.
set -euo pipefail
if [ -n "${PG_URL:-}" ]; then exit 0; fi
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "PostgreSQL not found: installing Debian's postgresql package…"
  apt-get update -qq
  # The package's own cluster is not needed: the tests start theirs on a free port.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  if command -v pg_ctlcluster >/dev/null; then pg_ctlcluster --force "$(ls /usr/lib/postgresql | sort -n | tail -1)" main stop 2>/dev/null || true; fi
  exit 0
fi
echo "The PostgreSQL suites need PostgreSQL's server binaries (initdb) or PG_URL." >&2
echo "Install them (Debian/Ubuntu: sudo apt-get install postgresql) or set PG_URL=postgres://user@host/db." >&2
exit 1
