#!/usr/bin/env bash
# Runs a command with REDIS_TEST_URL pointing at a Redis server the cache and rate-limit tests may
# use (each test run uses its own key prefix and deletes it). Order: an existing REDIS_TEST_URL;
# the server this machine and CI run at 127.0.0.1:6379; otherwise a throwaway redis-server (from
# Debian's package, installed when missing) on port 56379 that is stopped on exit.
# With CI=true a missing Redis is an error: the Redis tests must fail, never skip.
set -euo pipefail

can_ping() { redis-cli -u "$1" ping 2>/dev/null | grep -q PONG; }

if ! command -v redis-cli >/dev/null 2>&1; then
  echo "» installing Debian's redis-server (redis-cli and a server for the tests)"
  if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server >/dev/null
fi

if [ -n "${REDIS_TEST_URL:-}" ] && can_ping "$REDIS_TEST_URL"; then
  :
elif can_ping "redis://127.0.0.1:6379"; then
  export REDIS_TEST_URL="redis://127.0.0.1:6379"
else
  DIR=$(mktemp -d /tmp/ocop-redis.XXXXXX)
  redis-server --port 56379 --bind 127.0.0.1 --save '' --appendonly no --dir "$DIR" --daemonize yes \
    --pidfile "$DIR/redis.pid" >/dev/null
  trap 'redis-cli -p 56379 shutdown nosave >/dev/null 2>&1 || true; rm -rf "$DIR"' EXIT
  for _ in $(seq 1 50); do can_ping "redis://127.0.0.1:56379" && break; sleep 0.1; done
  export REDIS_TEST_URL="redis://127.0.0.1:56379"
fi
echo "» Redis for tests: $REDIS_TEST_URL"
"$@"
