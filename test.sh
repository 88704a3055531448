#!/usr/bin/env bash
# Builds MediaRelay and runs every test project, installing what the tests need when it is missing
# (Debian's Chromium for the browser tests, ffmpeg for media checks, npm for the browser libraries,
# promtool from Debian's prometheus for the ops/ checks, iproute2 and nftables for the network test bed).
# Ends with one line: "N passed, N failed". Test results (trx) and screenshots land in artifacts/.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/ensure-packages.sh
ensure_packages "chromium:/usr/bin/chromium" "ffmpeg:ffmpeg" "nodejs:node" "npm:npm" "prometheus:promtool"
# The network-condition tests build namespaces with iproute2 and nftables; without them (or root)
# those tests report themselves skipped, so a machine that cannot install them still runs the rest.
# On CI (CI=true) a missing bed fails those tests instead.
ensure_packages "iproute2:/sbin/tc" "nftables:/usr/sbin/nft" || echo "iproute2/nftables missing: the network-condition tests will be skipped" >&2

results="artifacts/test-results"
rm -rf "$results" artifacts/screenshots
dotnet tool restore >/dev/null
dotnet build MediaRelay.sln -c Release -nologo -clp:ErrorsOnly

# One project at a time, each with its own named trx: the browser tests and the media tests
# both want the two cores, and a crashed project is then plain to see.
status=0
passed=0 failed=0
for project in $(find tests -name '*.Tests.csproj' | sort); do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=$?
  file="$results/$name.trx"
  if [[ ! -f "$file" ]]; then
    echo "$name reported no results (crashed before finishing?)" >&2
    failed=$((failed + 1)); status=1
    continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$file")
  p=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")
  f=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")
  e=$(sed -E 's/.* error="([0-9]+)".*/\1/' <<<"$counters")
  passed=$((passed + p)); failed=$((failed + f + e))
done
echo "$passed passed, $failed failed"
if ((failed > 0)); then status=1; fi
exit "$status"
