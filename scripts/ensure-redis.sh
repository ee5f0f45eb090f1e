#!/usr/bin/env bash
# Makes sure the cluster tests can start their own private Redis (it/PrivateRedis.java runs
# `redis-server` as a child process on a free port). Installs Debian's `redis-server` with apt-get
# when it is missing; does not start the system's Redis service: the tests need only the binary.
# Always exits 0: the tests then skip with the reason, or fail under -Dinkroom.requireAll=true (CI).
set -u
. "$(dirname "$0")/apt-install.sh"

if command -v redis-server >/dev/null 2>&1; then
  echo "ensure-redis: found $(command -v redis-server) ($(redis-server --version 2>/dev/null | cut -d' ' -f3))"
  exit 0
fi

# The package would start its own service on 6379 where init scripts run; Debian's policy-rc.d
# (exit 101 = "do not start") stops that, put in place for the install only.
POLICY=/usr/sbin/policy-rc.d
if [ ! -e "$POLICY" ] && [ "$(id -u)" -eq 0 ] && printf '#!/bin/sh\nexit 101\n' > "$POLICY" 2>/dev/null; then
  chmod 755 "$POLICY"
  trap 'rm -f "$POLICY"' EXIT
fi
if apt_install ensure-redis "cluster tests will skip (or fail under inkroom.requireAll)" redis-server; then
  if command -v redis-server >/dev/null 2>&1; then
    echo "ensure-redis: installed $(command -v redis-server)"
  else
    echo "ensure-redis: apt-get finished but redis-server is still not on PATH"
  fi
fi
exit 0
