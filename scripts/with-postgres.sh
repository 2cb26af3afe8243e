#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL server on loopback, then stop it.
# Used by `make test` under CI so the whole suite also runs on the production database.
set -euo pipefail

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ]; then
  echo "PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi
port=${GRENZELOOS_PG_PORT:-55432}
data=$(mktemp -d /tmp/grenzeloos-pg.XXXXXX)
as_pg=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$data"
  as_pg=(runuser -u postgres --)
fi
cleanup() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$data"
}
trap cleanup EXIT

"${as_pg[@]}" "$pg_bin/initdb" -D "$data" -A trust -U grenzeloos -E UTF8 >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
  -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
"$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U grenzeloos grenzeloos

echo "Running on PostgreSQL ($("$pg_bin/postgres" --version)) at 127.0.0.1:$port"
DATABASE_URL="postgres://grenzeloos@127.0.0.1:$port/grenzeloos" "$@"
