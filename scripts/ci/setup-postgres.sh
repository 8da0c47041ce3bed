#!/usr/bin/env bash
# Brings the machine's PostgreSQL to the state the integration suite expects:
# server running, pgvector installed, database backbeat_test with the vector
# and pgcrypto extensions. Safe to run again: every step checks first and
# skips what is already done.
#
#   bash scripts/ci/setup-postgres.sh           # set up, keep existing data
#   bash scripts/ci/setup-postgres.sh --reset   # drop and recreate the database
#
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres),
# BACKBEAT_TEST_DB (backbeat_test).
set -Eeuo pipefail

export PGHOST="${PGHOST:-127.0.0.1}"
export PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-postgres}"
test_db="${BACKBEAT_TEST_DB:-backbeat_test}"
# Debian's pgvector source comes from trixie: bookworm's is too old (0.4).
pgvector_suite=trixie
apt_source_file=/etc/apt/sources.list.d/backbeat-pgvector-src.sources

reset=false
for arg in "$@"; do
  case "$arg" in
    --reset) reset=true ;;
    -h | --help)
      sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "setup-postgres: unknown argument: $arg (expected --reset)" >&2
      exit 2
      ;;
  esac
done

log() { printf 'setup-postgres: %s\n' "$*"; }
fail() {
  printf 'setup-postgres: FAILED: %s\n' "$*" >&2
  exit 1
}
trap 'printf "setup-postgres: FAILED (exit %s) at line %s: %s\n" "$?" "$LINENO" "$BASH_COMMAND" >&2' ERR

started=$SECONDS
export DEBIAN_FRONTEND=noninteractive

# Runs SQL against a database and prints the unaligned result.
sql() {
  local db="$1" query="$2"
  psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$db" -c "$query"
}

work=""
apt_updated=false
apt_update_once() {
  if [[ $apt_updated == false ]]; then
    log "apt-get update"
    apt-get update -q >/dev/null || fail "apt-get update failed"
    apt_updated=true
  fi
}

# --- 1. server installed ----------------------------------------------------

pg_major() { ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1; }

if [[ -z "$(pg_major)" ]]; then
  # Only reached on a machine that lacks PostgreSQL altogether: install
  # Debian's and let the suite's password-less URL in over loopback.
  log "no PostgreSQL cluster found; installing postgresql"
  apt_update_once
  apt-get install -y -q postgresql postgresql-contrib >/dev/null || fail "apt-get install postgresql failed"
  major="$(pg_major)"
  [[ -n "$major" ]] || fail "postgresql installed but no cluster under /etc/postgresql"
  hba="/etc/postgresql/$major/main/pg_hba.conf"
  sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
  log "allowed trust auth on 127.0.0.1 in $hba"
fi
major="$(pg_major)"
pg_bin="/usr/lib/postgresql/$major/bin"
[[ -x "$pg_bin/pg_ctl" ]] || fail "PostgreSQL $major binaries not found in $pg_bin"

# --- 2. server running ------------------------------------------------------

if pg_isready -q; then
  log "PostgreSQL $major already accepting connections on $PGHOST:$PGPORT"
else
  log "starting PostgreSQL $major cluster 'main'"
  # --skip-systemctl-redirect: there is no systemd in these containers.
  pg_ctlcluster --skip-systemctl-redirect "$major" main start ||
    fail "pg_ctlcluster could not start $major/main (see /var/log/postgresql/postgresql-$major-main.log)"
  for _ in $(seq 1 60); do
    pg_isready -q && break
    sleep 0.5
  done
  pg_isready -q || fail "PostgreSQL did not accept connections on $PGHOST:$PGPORT within 30 s"
  log "PostgreSQL $major is up"
fi

# --- 3. pgvector installed --------------------------------------------------

vector_available() {
  [[ "$(sql postgres "SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'")" == 1 ]]
}

# Prints the main archive URI of the machine's apt sources: the entry whose
# suite is the release's own codename (not -updates or -security), from
# one-line .list files or deb822 .sources files alike.
debian_mirror_uri() {
  local codename
  codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
  [[ -n "$codename" ]] || return 1
  local files=()
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    if [[ -f "$f" && "$f" != "$apt_source_file" ]]; then files+=("$f"); fi
  done
  ((${#files[@]})) || return 1
  awk -v codename="$codename" '
    function flush() {
      if (uris != "" && (" " suites " ") ~ (" " codename " ") && enabled != "no") { split(uris, u, " "); print u[1]; found = 1; exit }
      uris = ""; suites = ""; enabled = ""
    }
    FNR == 1 { flush() }
    /^[ \t]*#/ { next }
    # one-line format: deb [options] URI suite components...
    /^[ \t]*deb(-src)?[ \t]/ {
      sub(/\[[^]]*\]/, "")
      if ($3 == codename) { print $2; found = 1; exit }
      next
    }
    # deb822 format: stanzas of Field: value, separated by blank lines
    /^[ \t]*$/ { flush(); next }
    tolower($1) == "uris:"    { $1 = ""; uris = $0 }
    tolower($1) == "suites:"  { $1 = ""; suites = $0 }
    tolower($1) == "enabled:" { enabled = tolower($2) }
    END { if (!found) flush() }
  ' "${files[@]}"
}

build_pgvector() {
  local mirror keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  mirror="$(debian_mirror_uri)" || true
  [[ -n "$mirror" ]] || fail "could not find the Debian mirror URI in /etc/apt/sources.list or /etc/apt/sources.list.d/"

  # deb-src only: apt can fetch source packages from trixie but never
  # installs or upgrades a binary package from it.
  local wanted
  wanted="$(printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\n' "$mirror" "$pgvector_suite")"
  [[ -f $keyring ]] && wanted+=$'\n'"Signed-By: $keyring"
  if [[ -f $apt_source_file && "$(cat "$apt_source_file")" == "$wanted" ]]; then
    log "apt source $apt_source_file already present"
  else
    printf '%s\n' "$wanted" >"$apt_source_file"
    log "wrote $apt_source_file (deb-src $mirror $pgvector_suite main)"
    apt_updated=false
  fi

  apt_update_once
  log "installing postgresql-server-dev-$major build-essential"
  apt-get install -y -q --no-install-recommends "postgresql-server-dev-$major" build-essential >/dev/null ||
    fail "apt-get install postgresql-server-dev-$major build-essential failed"

  work="$(mktemp -d)"
  # Removed on any exit, success or failure.
  trap 'rm -rf "$work"' EXIT
  log "fetching pgvector source from $pgvector_suite into $work"
  (cd "$work" && apt-get source -q "pgvector/$pgvector_suite" >/dev/null 2>"$work/apt-source.err") || {
    cat "$work/apt-source.err" >&2
    fail "apt-get source pgvector/$pgvector_suite failed"
  }
  local src
  src="$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)"
  [[ -n "$src" ]] || fail "apt-get source pgvector produced no source folder in $work"

  log "building $(basename "$src") against PostgreSQL $major"
  # OPTFLAGS="": pgvector defaults to -march=native, and a machine (with what
  # was installed on it) may be handed on to hardware with another CPU.
  make -C "$src" -s -j"$(nproc)" PG_CONFIG="$pg_bin/pg_config" OPTFLAGS="" >"$work/build.log" 2>&1 || {
    tail -n 40 "$work/build.log" >&2
    fail "building pgvector failed"
  }
  make -C "$src" -s install PG_CONFIG="$pg_bin/pg_config" >>"$work/build.log" 2>&1 || {
    tail -n 40 "$work/build.log" >&2
    fail "installing pgvector failed"
  }
}

if vector_available; then
  log "pgvector already installed"
else
  build_started=$SECONDS
  build_pgvector
  vector_available || fail "pgvector was built and installed but PostgreSQL does not list the vector extension"
  log "pgvector installed in $((SECONDS - build_started)) s"
fi

# --- 4. test database -------------------------------------------------------

db_exists() { [[ "$(sql postgres "SELECT count(*) FROM pg_database WHERE datname = '$test_db'")" == 1 ]]; }

if [[ $reset == true ]] && db_exists; then
  # WITH (FORCE) ends sessions a previous, interrupted run may have left open.
  sql postgres "DROP DATABASE \"$test_db\" WITH (FORCE)"
  log "dropped database $test_db"
fi
if db_exists; then
  log "database $test_db already exists"
else
  sql postgres "CREATE DATABASE \"$test_db\" OWNER postgres"
  log "created database $test_db"
fi

for ext in vector pgcrypto; do
  if [[ "$(sql "$test_db" "SELECT count(*) FROM pg_extension WHERE extname = '$ext'")" == 1 ]]; then
    log "extension $ext already in $test_db"
  else
    sql "$test_db" "CREATE EXTENSION IF NOT EXISTS $ext"
    log "created extension $ext in $test_db"
  fi
done

check="$(sql "$test_db" "SELECT '[1,2,3]'::vector <-> '[1,2,4]'::vector")"
[[ "$check" == 1 ]] || fail "vector check in $test_db returned '$check', expected 1"
version="$(sql "$test_db" "SELECT extversion FROM pg_extension WHERE extname = 'vector'")"
log "ready: postgres://$PGUSER@$PGHOST:$PGPORT/$test_db (PostgreSQL $major, pgvector $version) in $((SECONDS - started)) s"
