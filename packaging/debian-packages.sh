#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages FocusDesk needs.
#   packaging/debian-packages.sh app    what the desktop app needs (Qt's X11 libraries, notify-send)
#   packaging/debian-packages.sh test   that, plus what the test suite uses (PostgreSQL, Xvfb, a
#                                       window manager, a tray host, a notification daemon, xdotool,
#                                       the desktop-file and AppStream validators, objdump for PyInstaller)
set -euo pipefail

app=(
  python3-venv libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-xinerama0 libxcb-xkb1 libxcb-shape0 libxcb-randr0 libnotify-bin
)
test=(
  postgresql xvfb openbox trayer dunst dbus dbus-x11 xdotool x11-utils x11-xserver-utils imagemagick
  desktop-file-utils appstream binutils
)

case "${1:-app}" in
  app) packages=("${app[@]}") ;;
  test) packages=("${app[@]}" "${test[@]}") ;;
  *) echo "usage: $0 app|test" >&2; exit 2 ;;
esac

if ! command -v apt-get >/dev/null 2>&1; then
  echo "$0: no apt-get here; install the equivalents of: ${packages[*]}" >&2
  exit 0
fi
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
