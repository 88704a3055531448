#!/usr/bin/env bash
# Builds MediaRelay and runs every test project, installing what the tests need when it is missing
# (Debian's Chromium for the browser tests, ffmpeg for media checks, npm for the browser libraries).
# Ends with one line: "N passed, N failed". Test results (trx) and screenshots land in artifacts/.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/ensure-packages.sh
ensure_packages "chromium:/usr/bin/chromium" "ffmpeg:ffmpeg" "nodejs:node" "npm:npm"

results="artifacts/test-results"
rm -rf "$results" artifacts/screenshots
dotnet tool restore >/dev/null
dotnet build MediaRelay.sln -c Release -nologo -clp:ErrorsOnly

status=0
dotnet test MediaRelay.sln -c Release --no-build --nologo --logger trx --results-directory "$results" || status=$?

# One trx per test project; sum their counters. A project that crashed before writing its trx
# leaves fewer files than projects, which counts as a failure.
projects=$(find tests -name '*.Tests.csproj' | wc -l)
shopt -s nullglob
trx=("$results"/*.trx)
passed=0 failed=0
for file in "${trx[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$file")
  p=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")
  f=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")
  e=$(sed -E 's/.* error="([0-9]+)".*/\1/' <<<"$counters")
  passed=$((passed + p)); failed=$((failed + f + e))
done
if ((${#trx[@]} < projects)); then
  echo "Only ${#trx[@]} of $projects test projects reported results." >&2
  status=1
fi
echo "$passed passed, $failed failed"
if ((failed > 0)); then status=1; fi
exit "$status"
