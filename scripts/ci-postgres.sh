#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1:${CF_PG_PORT:-55432} owned by the
# postgres user (the server refuses to run as root) and exports COUNTERFOIL_TEST_PG_URL.
start_ci_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  local port=${CF_PG_PORT:-55432}
  export CF_PG_DIR=${CF_PG_DIR:-/tmp/counterfoil-ci-pg}
  rm -rf "$CF_PG_DIR"
  mkdir -p "$CF_PG_DIR"
  local run=()
  if [ "$(id -u)" = "0" ]; then
    chown postgres:postgres "$CF_PG_DIR"
    run=(runuser -u postgres --)
  fi
  # UTF8 whatever the machine's locale (the tests store non-ASCII text); no fsync: throwaway.
  "${run[@]}" "$bin/initdb" -D "$CF_PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >/dev/null
  "${run[@]}" "$bin/pg_ctl" -D "$CF_PG_DIR/data" -l "$CF_PG_DIR/log" -w \
    -o "-p $port -k $CF_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
  export COUNTERFOIL_TEST_PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
  export CF_PG_BIN="$bin"
  echo "ci: PostgreSQL running at $COUNTERFOIL_TEST_PG_URL"
}
stop_ci_postgres() {
  local run=()
  [ "$(id -u)" = "0" ] && run=(runuser -u postgres --)
  "${run[@]}" "$CF_PG_BIN/pg_ctl" -D "$CF_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
}
