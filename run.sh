#!/usr/bin/env bash
# Runs MediaRelay on its embedded defaults: SQLite in src/Relay.Web/App_Data, http://localhost:5000,
# and two demo accounts (alice / bob, password relay-demo). Extra arguments are passed to the app,
# e.g. ./run.sh --urls http://localhost:8080
set -euo pipefail
cd "$(dirname "$0")"
source scripts/ensure-packages.sh
# npm restores the browser libraries (the SignalR client) during the build.
ensure_packages "nodejs:node" "npm:npm"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
exec dotnet run --project src/Relay.Web --launch-profile Relay.Web -- --Seed:DemoUsers=true "$@"
