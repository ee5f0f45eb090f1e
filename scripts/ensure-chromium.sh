#!/usr/bin/env bash
# Makes sure the browser tests have Chromium and its chromedriver (Debian's `chromium` and
# `chromium-driver`). Installs them with apt-get when they are missing and apt-get is usable;
# otherwise says why not. Always exits 0: the browser tests then skip with that reason, or fail
# when the build runs with -Dinkroom.requireAll=true (CI).
set -u

find_bin() {
  for name in "$@"; do
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  done
  return 1
}

have_both() {
  find_bin chromium chromium-browser google-chrome >/dev/null && find_bin chromedriver >/dev/null
}

if have_both; then
  echo "ensure-chromium: found $(find_bin chromium chromium-browser google-chrome) and $(find_bin chromedriver)"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: chromium/chromedriver missing and no apt-get here; browser tests will skip (or fail under inkroom.requireAll)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "ensure-chromium: chromium/chromedriver missing and not root (no passwordless sudo); browser tests will skip (or fail under inkroom.requireAll)"
    exit 0
  fi
fi

echo "ensure-chromium: installing Debian packages chromium chromium-driver with apt-get"
export DEBIAN_FRONTEND=noninteractive
if $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver >/dev/null; then
  if have_both; then
    echo "ensure-chromium: installed $(find_bin chromium) and $(find_bin chromedriver)"
  else
    echo "ensure-chromium: apt-get finished but chromium/chromedriver are still not on PATH"
  fi
else
  echo "ensure-chromium: apt-get could not install chromium chromium-driver; browser tests will skip (or fail under inkroom.requireAll)"
fi
exit 0
