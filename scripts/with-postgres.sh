#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server: a new cluster in a temporary folder on a
# free local port, one database, its URL in SERVQUAL_POSTGRES_URL; the server is stopped and the
# folder removed when the command ends (also on failure). Needs Debian's postgresql package
# (initdb and pg_ctl under /usr/lib/postgresql/<version>/bin). As root, the server runs as the
# `postgres` user (PostgreSQL refuses to run as root).
#
#   scripts/with-postgres.sh npx vitest run test/sql
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "with-postgres: no PostgreSQL server found (apt-get install postgresql)" >&2
  exit 1
fi
dir=$(mktemp -d /tmp/servqual-pg.XXXXXX)
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
as_user=()
if [ "$(id -u)" = "0" ]; then
  chown postgres "$dir"
  as_user=(runuser -u postgres --)
fi
stop() {
  "${as_user[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
"${as_user[@]}" "$bin/initdb" -D "$dir/data" -U servqual --auth=trust -E UTF8 >/dev/null
"${as_user[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
"$bin/createdb" -h 127.0.0.1 -p "$port" -U servqual servqual_test
export SERVQUAL_POSTGRES_URL="postgres://servqual@127.0.0.1:$port/servqual_test"
"$@"
