#!/usr/bin/env bash
# Starts the built API (apps/api/dist/main.js) the way production should run it: with the main
# thread's heap limit of README "Production and scale" → "Memory" (the limit `pnpm bench` measures
# with, apps/api/bench/scale.ts), unless NODE_OPTIONS already sets one, which then wins. Other
# NODE_OPTIONS are kept. Arguments go to main.js (e.g. --seed); exec, so signals reach the server.
set -euo pipefail
DEFAULT_HEAP=--max-old-space-size=256
case " ${NODE_OPTIONS:-} " in
  *--max-old-space-size* | *--max_old_space_size*) ;;
  *) export NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }$DEFAULT_HEAP" ;;
esac
exec node "$(dirname "$0")/../apps/api/dist/main.js" "$@"
