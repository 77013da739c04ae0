#!/usr/bin/env bash
# README command (1): install everything, build, seed the embedded SQLite file with the real
# An Giang data and serve the dashboard + GraphQL API on one port.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export TURBO_TELEMETRY_DISABLED=1
pnpm demo
