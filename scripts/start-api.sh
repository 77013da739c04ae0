#!/usr/bin/env bash
# Starts the built API (apps/api/dist/main.js) the way production should run it: with the main
# thread's heap limit of README "Production and scale" → "Memory" (the limit `pnpm bench` measures
# with, apps/api/bench/scale.ts), unless NODE_OPTIONS already sets one, which then wins. Other
# NODE_OPTIONS are kept. Arguments go to main.js (e.g. --seed); exec, so signals reach the server.
#
# MALLOC_ARENA_MAX=2 (unless set): glibc gives each thread that allocates its own malloc arenas, up
# to eight per core, and the API runs several (the main thread, the plan-progress and import
# workers, libuv's and the SQLite driver's). Memory one thread freed stays in its arena, kept from
# the others and from the system: under the benchmark's mixed load on SQLite the process peaked at
# 402-420 MiB, with two arenas at 376-398 MiB (README "Production and scale" -> "Memory").
set -euo pipefail
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
DEFAULT_HEAP=--max-old-space-size=256
case " ${NODE_OPTIONS:-} " in
  *--max-old-space-size* | *--max_old_space_size*) ;;
  *) export NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }$DEFAULT_HEAP" ;;
esac
exec node "$(dirname "$0")/../apps/api/dist/main.js" "$@"
