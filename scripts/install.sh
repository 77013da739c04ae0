#!/usr/bin/env bash
# Installs what a fresh machine of this kind (Debian 12, Node 20) lacks: the pinned pnpm and the
# workspace's dependencies. Pass --browser to also install Debian's Chromium for the e2e tests.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.4.2   # keep in sync with "packageManager" in package.json (the version the lockfile is written with)

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "» installing pnpm $PNPM_VERSION"
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null
fi

echo "» installing workspace dependencies (pnpm install --frozen-lockfile)"
pnpm install --frozen-lockfile

if [ "${1:-}" = "--browser" ]; then
  if ! command -v chromium >/dev/null 2>&1; then
    echo "» installing Debian's Chromium for the end-to-end tests"
    if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  fi
  echo "» chromium: $(chromium --version 2>/dev/null || echo missing)"
fi
