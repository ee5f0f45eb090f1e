# Sourced by the ensure-*.sh scripts: installs Debian packages when apt-get is usable, as root or
# with passwordless sudo. Never exits: returns non-zero (having said why) when it could not.
#   apt_install TAG "what the tests do meanwhile" PACKAGE...
apt_install() {
  local tag=$1 meanwhile=$2
  shift 2
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "$tag: $* missing and no apt-get here; $meanwhile"
    return 1
  fi
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      SUDO="sudo -n"
    else
      echo "$tag: $* missing and not root (no passwordless sudo); $meanwhile"
      return 1
    fi
  fi
  echo "$tag: installing Debian package(s) $* with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  if $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q --no-install-recommends "$@" >/dev/null; then
    return 0
  fi
  echo "$tag: apt-get could not install $*; $meanwhile"
  return 1
}
