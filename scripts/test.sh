#!/usr/bin/env bash
# All tests on a fresh machine: installs the real peers the tests use, restores, builds and
# runs every test project, then prints the skipped count and, last, one line "N passed, N failed"
# summed from the TRX files.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh test
results="$(pwd)/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
dotnet restore EdgeCc.sln
dotnet build EdgeCc.sln -c Release --no-restore
status=0
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  dotnet test "$project" -c Release --no-build --results-directory "$results" \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" || status=$?
done
# Sum the TRX counters (one <Counters .../> element per test project).
summary=$(cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*' | awk '
  function attr(name,  m) { return match($0, name "=\"[0-9]+\"") ? substr($0, RSTART + length(name) + 2, RLENGTH - length(name) - 3) + 0 : 0 }
  { p += attr("passed"); f += attr("failed") + attr("error") + attr("timeout") + attr("aborted"); s += attr("total") - attr("executed"); n++ }
  END { printf "%d passed, %d failed, %d skipped %d\n", p, f, s, n }' || true)
read -r passed _ failed _ skipped _ projects <<<"$summary"
echo "$skipped skipped"
echo "$passed passed, $failed failed"
if [ "${projects:-0}" -eq 0 ] || [ "$passed" -eq 0 ] || [ "$failed" -ne 0 ]; then status=1; fi
exit "$status"
