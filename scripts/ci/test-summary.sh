#!/usr/bin/env bash
# Adds up the closing counts of several node test runner logs and prints one
# line "N passed, N failed".
#
#   bash scripts/ci/test-summary.sh LOG EXIT_CODE [LOG EXIT_CODE ...]
#
# Reads the last "# pass N" / "# fail N" lines of each log (TAP reporter;
# the spec reporter's "ℹ pass N" form is read too). A run that exited
# non-zero without reporting any failure (it crashed, timed out, or found no
# test files) counts as one failure, so the line never reads as clean when a
# run was not.
set -euo pipefail

if (($# == 0 || $# % 2 != 0)); then
  echo "usage: $0 LOG EXIT_CODE [LOG EXIT_CODE ...]" >&2
  exit 2
fi

# Prints the number on the last "<marker> <word> N" line of a log, 0 if none.
last_count() {
  local word="$1" log="$2"
  local count
  count="$(grep -E "^(# |ℹ )$word [0-9]+\$" "$log" 2>/dev/null | tail -n 1 | awk '{ print $3 }')" || true
  echo "${count:-0}"
}

passed=0
failed=0
while (($# > 0)); do
  log="$1" status="$2"
  shift 2
  run_passed="$(last_count pass "$log")"
  run_failed="$(last_count fail "$log")"
  if [[ "$status" != 0 && "$run_failed" == 0 ]]; then
    run_failed=1
  fi
  passed=$((passed + run_passed))
  failed=$((failed + run_failed))
done
echo "$passed passed, $failed failed"
