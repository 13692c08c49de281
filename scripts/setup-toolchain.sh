#!/usr/bin/env bash
# Install what the tests need on a fresh Debian machine. Idempotent: each step is
# skipped when its result is already there.
#   - PostgreSQL 15 server (initdb, pg_ctl, pg_dump) via apt-get
#   - goose, pinned, built into .tools/bin (gitignored)
#   - the Python venv .venv with the package and its test extras
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

GOOSE_VERSION="v3.29.0"
GOOSE_TAGS="no_clickhouse no_libsql no_mssql no_mysql no_sqlite3 no_vertica no_ydb"
PG_BIN="/usr/lib/postgresql/15/bin"

log() { printf 'setup-toolchain: %s\n' "$*" >&2; }

# --- PostgreSQL 15 -------------------------------------------------------------------
if [ ! -x "$PG_BIN/initdb" ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    log "installing PostgreSQL 15 (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql-15 >/dev/null
    # The tests start their own throwaway clusters; the packaged one is not needed.
    if command -v pg_ctlcluster >/dev/null 2>&1; then
      pg_ctlcluster 15 main stop >/dev/null 2>&1 || true
    fi
  else
    log "PostgreSQL 15 is missing and apt-get is not usable here; database tests will skip"
  fi
else
  log "PostgreSQL 15: $PG_BIN/initdb present"
fi

# --- goose ----------------------------------------------------------------------------
mkdir -p "$ROOT/.tools/bin"
if [ -x "$ROOT/.tools/bin/goose" ] && "$ROOT/.tools/bin/goose" --version 2>/dev/null | grep -q "${GOOSE_VERSION}"; then
  log "goose ${GOOSE_VERSION}: present"
elif command -v go >/dev/null 2>&1; then
  log "building goose ${GOOSE_VERSION} into .tools/bin"
  GOBIN="$ROOT/.tools/bin" GOFLAGS=-mod=mod go install -tags="${GOOSE_TAGS}" \
    "github.com/pressly/goose/v3/cmd/goose@${GOOSE_VERSION}"
else
  log "go is missing: goose not built; migration tests will skip"
fi

# --- Python venv ----------------------------------------------------------------------
if [ ! -x "$ROOT/.venv/bin/python" ]; then
  log "creating .venv"
  python3 -m venv "$ROOT/.venv"
fi
if ! "$ROOT/.venv/bin/python" -c "import scaffold, pytest, black, copier" >/dev/null 2>&1; then
  log "installing the package with its test extras into .venv"
  "$ROOT/.venv/bin/python" -m pip install -q --upgrade pip
  "$ROOT/.venv/bin/python" -m pip install -q -e '.[test]'
else
  log ".venv: package and test tools importable"
fi
