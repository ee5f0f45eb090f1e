#!/usr/bin/env bash
# Makes sure the cluster tests can start their own private Redis (it/PrivateRedis.java runs
# `redis-server` as a child process on a free port). Installs Debian's `redis-server` with apt-get
# when it is missing and apt-get is usable; otherwise says why not. Does not start the system's
# Redis service: the tests need only the binary. Always exits 0: the tests then skip with the reason,
# or fail when the build runs with -Dinkroom.requireAll=true (CI).
set -u

if command -v redis-server >/dev/null 2>&1; then
  echo "ensure-redis: found $(command -v redis-server) ($(redis-server --version 2>/dev/null | cut -d' ' -f3))"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-redis: redis-server missing and no apt-get here; cluster tests will skip (or fail under inkroom.requireAll)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "ensure-redis: redis-server missing and not root (no passwordless sudo); cluster tests will skip (or fail under inkroom.requireAll)"
    exit 0
  fi
fi

echo "ensure-redis: installing Debian package redis-server with apt-get"
export DEBIAN_FRONTEND=noninteractive
# The package would start its own service on 6379 where init scripts run; Debian's policy-rc.d
# (exit 101 = "do not start") stops that. Docker images ship one already; otherwise one is put in
# place for the install only.
POLICY=/usr/sbin/policy-rc.d
if [ ! -e "$POLICY" ] && printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null 2>&1; then
  $SUDO chmod 755 "$POLICY"
  trap '$SUDO rm -f "$POLICY"' EXIT
fi
if $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q --no-install-recommends redis-server >/dev/null; then
  if command -v redis-server >/dev/null 2>&1; then
    echo "ensure-redis: installed $(command -v redis-server)"
  else
    echo "ensure-redis: apt-get finished but redis-server is still not on PATH"
  fi
else
  echo "ensure-redis: apt-get could not install redis-server; cluster tests will skip (or fail under inkroom.requireAll)"
fi
exit 0
