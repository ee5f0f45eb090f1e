#!/usr/bin/env bash
# Makes sure the browser tests have Chromium and its chromedriver (Debian's `chromium` and
# `chromium-driver`). Installs them with apt-get when they are missing and apt-get is usable;
# otherwise says why not. Always exits 0: the browser tests then skip with that reason, or fail
# when the build runs with -Dinkroom.requireAll=true (CI).
set -u
. "$(dirname "$0")/apt-install.sh"

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

if apt_install ensure-chromium "browser tests will skip (or fail under inkroom.requireAll)" chromium chromium-driver; then
  if have_both; then
    echo "ensure-chromium: installed $(find_bin chromium) and $(find_bin chromedriver)"
  else
    echo "ensure-chromium: apt-get finished but chromium/chromedriver are still not on PATH"
  fi
fi
exit 0
