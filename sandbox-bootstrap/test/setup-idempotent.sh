#!/usr/bin/env bash
# Runs the real setup.sh against this machine with a throw-away state dir: the first run verifies
# (installing whatever is missing), the second must be a no-op under a second, a stale checksum
# must force a full run, and an unsupported distro must exit 2 (that case needs root + unshare).
set -euo pipefail

SETUP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/setup.sh
STATE=$(mktemp -d)
trap 'rm -rf "$STATE"' EXIT
export CLOUDBROWSER_STATE_DIR=$STATE
failures=0

fail() {
  failures=$((failures + 1))
  echo "FAIL $*"
}

now_ms() { date +%s%3N; }

bash "$SETUP" </dev/null >"$STATE/first.out" || fail "first run exited $?: $(cat "$STATE/first.out")"
grep -q '^\[bootstrap\] done: marker' "$STATE/first.out" || fail "first run did not finish: $(cat "$STATE/first.out")"

start=$(now_ms)
bash "$SETUP" </dev/null >"$STATE/second.out"
elapsed=$(($(now_ms) - start))
grep -q 'up to date' "$STATE/second.out" || fail "second run was not a no-op: $(cat "$STATE/second.out")"
((elapsed < 1000)) || fail "second run took ${elapsed} ms (expected < 1000)"

sed -i 's/^sha256=.*/sha256=stale/' "$STATE/bootstrap.done"
bash "$SETUP" </dev/null >"$STATE/third.out"
grep -q 'done: marker' "$STATE/third.out" || fail "a stale checksum did not force a full run"

status=0
CHROMIUM_PATH=/nonexistent/chromium bash "$SETUP" </dev/null >/dev/null 2>&1 || status=$?
((status == 5)) || fail "a bad CHROMIUM_PATH exited $status (expected 5)"

if ((EUID == 0)) && unshare -m true 2>/dev/null; then
  alpine=$(dirname "$SETUP")/test/fixtures/os-release/alpine-3.20
  rm -f "$STATE/bootstrap.done"
  status=0
  # shellcheck disable=SC2016 # $1 and $2 expand in the inner shell
  unshare -m bash -c 'mount --bind "$1" /etc/os-release && bash "$2" </dev/null' _ "$alpine" "$SETUP" \
    >/dev/null 2>"$STATE/alpine.err" || status=$?
  ((status == 2)) || fail "unsupported distro exited $status (expected 2)"
  grep -q "unsupported distro 'Alpine Linux" "$STATE/alpine.err" || fail "unclear message: $(cat "$STATE/alpine.err")"
else
  echo "setup-idempotent: skipping the unsupported-distro case (needs root and unshare)"
fi

echo "setup-idempotent: second run ${elapsed} ms; $failures failure(s)"
((failures == 0))
