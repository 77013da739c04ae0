#!/usr/bin/env bash
# Runs a command with PG_URL pointing at a PostgreSQL server the API tests may create databases on.
# Order: an existing PG_URL; the server this machine and CI run at 127.0.0.1:5432; otherwise a
# throwaway server (initdb as the postgres user) on port 55432 that is stopped on exit.
# With CI=true a missing PostgreSQL is an error: the PostgreSQL tests must fail, never skip.
set -euo pipefail

can_connect() { psql "$1" -tAc 'select 1' >/dev/null 2>&1; }

if [ -n "${PG_URL:-}" ] && can_connect "$PG_URL"; then
  :
elif can_connect "postgres://postgres@127.0.0.1:5432/postgres"; then
  export PG_URL="postgres://postgres@127.0.0.1:5432/postgres"
else
  BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
  if [ -z "$BIN" ]; then
    echo "with-pg: no PostgreSQL reachable and no server binaries to start one" >&2
    exit 1
  fi
  DATA=$(mktemp -d /tmp/ocop-pg.XXXXXX)
  chown postgres "$DATA" 2>/dev/null || true
  run_pg() { if [ "$(id -u)" = "0" ]; then su postgres -c "$*"; else bash -c "$*"; fi; }
  run_pg "$BIN/initdb -D $DATA/data -A trust -U postgres >/dev/null"
  run_pg "$BIN/pg_ctl -D $DATA/data -l $DATA/log -o '-p 55432 -k /tmp -c listen_addresses=127.0.0.1' -w start >/dev/null"
  trap 'run_pg "$BIN/pg_ctl -D $DATA/data -m fast stop" >/dev/null 2>&1 || true; rm -rf "$DATA"' EXIT
  export PG_URL="postgres://postgres@127.0.0.1:55432/postgres"
fi
echo "» PostgreSQL for tests: $PG_URL"
"$@"
