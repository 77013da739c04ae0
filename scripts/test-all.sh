#!/usr/bin/env bash
# README command (2), also what .ci/run calls: install everything (pnpm, dependencies, Chromium)
# and run every test — lint, type checks, domain, API on SQLite AND PostgreSQL, web components,
# and the end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --browser
export TURBO_TELEMETRY_DISABLED=1
pnpm test:all
