#!/usr/bin/env bash
# Offline checks of the deployment files (no Docker engine needed):
#  - docker/compose.yaml parses and validates with `docker-compose config` (Debian's docker-compose 1.29);
#  - docker/compose.yaml refuses to start without JWT_SECRET;
#  - docker/nginx.conf passes `nginx -t` when nginx is installed (skipped otherwise), with the upstream host names
#    (api1, api2: resolvable only inside the compose network) pointed at 127.0.0.1 and the paths in a temp dir.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker-compose >/dev/null 2>&1; then
  echo "docker/validate.sh: docker-compose is not installed (apt-get install --no-install-recommends docker-compose)" >&2
  exit 1
fi

JWT_SECRET=ci-only-secret-at-least-32-characters docker-compose -f docker/compose.yaml config -q
echo "compose: docker/compose.yaml is valid"

if env -u JWT_SECRET docker-compose -f docker/compose.yaml config -q >/dev/null 2>&1; then
  echo "compose: docker/compose.yaml must refuse to start without JWT_SECRET" >&2
  exit 1
fi
echo "compose: JWT_SECRET is required"

services=$(JWT_SECRET=ci-only-secret-at-least-32-characters docker-compose -f docker/compose.yaml config --services | sort | tr '\n' ' ')
if [ "$services" != "api1 api2 postgres proxy " ]; then
  echo "compose: unexpected services: $services" >&2
  exit 1
fi

nginx_bin=$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true)
if [ -z "$nginx_bin" ]; then
  echo "nginx: not installed, docker/nginx.conf not checked"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/logs"
sed -e 's/\bapi[12]:4000/127.0.0.1:4000/' \
    -e "s|/var/log/nginx/|$tmp/logs/|g" \
    -e "s|^pid .*;|pid $tmp/nginx.pid;|" \
    docker/nginx.conf > "$tmp/nginx.conf"
# The upstream block then names 127.0.0.1:4000 twice, which nginx accepts.
if ! out=$("$nginx_bin" -t -p "$tmp" -c "$tmp/nginx.conf" 2>&1); then
  printf '%s\n' "$out" >&2
  echo "nginx: docker/nginx.conf failed nginx -t" >&2
  exit 1
fi
echo "nginx: docker/nginx.conf is valid ($("$nginx_bin" -v 2>&1 | sed 's|.*: ||'))"
