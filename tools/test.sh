#!/usr/bin/env bash
# Runs every test project of the solution and ends with one line "N passed, N failed[, N skipped]".
# Installs what the browser tests need (Debian's chromium) when it is missing and we are root.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing chromium for the end-to-end tests..."
  (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-dejavu-core) >/tmp/semsearch-apt.log 2>&1 \
    || { echo "apt-get install chromium failed, see /tmp/semsearch-apt.log"; }
fi

results=$(mktemp -d)
dotnet build SemanticSearch.sln -c Release -warnaserror 2>&1 | tail -n 3
build_rc=${PIPESTATUS[0]}
if [ "$build_rc" != 0 ]; then
  dotnet build SemanticSearch.sln -c Release 2>&1 | grep -E "error" | sort -u | head -n 40
  echo "0 passed, 1 failed"
  exit 1
fi
dotnet test SemanticSearch.sln -c Release --no-build --logger "trx" --results-directory "$results" "$@"
test_rc=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
if [ "$test_rc" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi  # a crashed test host counts as a failure
echo "$passed passed, $failed failed, $skipped skipped"
[ "$test_rc" = 0 ]
