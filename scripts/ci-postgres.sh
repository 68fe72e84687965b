#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1:${CF_PG_PORT:-55432} and exports
# COUNTERFOIL_TEST_PG_URL. Kept as a shell file because .ci/run must `source` it: the URL has to
# land in the CI shell's environment for `npm test`. The work itself (postgres user when root,
# UTF8 + C locale, no fsync) is scripts/pg-cluster.ts, the helper tests and bench use too, so
# the three cannot drift apart. Needs node_modules (tsx): .ci/run installs them first.
start_ci_postgres() {
  export CF_PG_DIR=${CF_PG_DIR:-/tmp/counterfoil-ci-pg}
  local url
  url=$(node --import tsx scripts/pg-cluster-cli.ts start --dir "$CF_PG_DIR" --port "${CF_PG_PORT:-55432}")
  export COUNTERFOIL_TEST_PG_URL="$url"
  echo "ci: PostgreSQL running at $COUNTERFOIL_TEST_PG_URL"
}
stop_ci_postgres() {
  node --import tsx scripts/pg-cluster-cli.ts stop --dir "$CF_PG_DIR" >/dev/null 2>&1 || true
}
