#!/usr/bin/env bash
# Builds the Linux one-folder bundle: dist/focusdesk/focusdesk (run it; it needs no Python).
#
#   packaging/build-linux.sh
#
# It makes its own virtual environment in build/bundle-venv (kept between builds), installs
# FocusDesk into it the way a user's `pip install .` does (not editable, so the bundle carries
# exactly what the wheel carries) together with PyInstaller, and runs packaging/focusdesk.spec.
# The desktop entry, AppStream metainfo and hicolor icons go to dist/focusdesk/share/, laid out
# as under /usr/share, ready to be copied into ~/.local/share or a distribution package.
#
# Environment: PYTHON               the Python 3.11+ to build with (default: python3)
#              FOCUSDESK_BUILD_DIR  scratch space and the venv (default: build)
#              FOCUSDESK_DIST_DIR   where the bundle goes (default: dist)
# Needs: binutils (objdump) and the Qt libraries of `packaging/debian-packages.sh app`.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
build=${FOCUSDESK_BUILD_DIR:-build}
dist=${FOCUSDESK_DIST_DIR:-dist}
venv=$build/bundle-venv
app_id=io.focusdesk.FocusDesk

if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check '.[bundle]'
# The console script, not `python -m`: the source folder must not be on sys.path, so that
# the installed FocusDesk (with its resources inside) is the one frozen.
"$venv/bin/pyinstaller" --noconfirm --log-level WARN \
  --distpath "$dist" --workpath "$build/pyinstaller" packaging/focusdesk.spec

share=$dist/focusdesk/share
icons=resources/icons
install -D -m 644 "resources/desktop/$app_id.desktop" "$share/applications/$app_id.desktop"
install -D -m 644 "resources/desktop/$app_id.metainfo.xml" "$share/metainfo/$app_id.metainfo.xml"
install -D -m 644 "$icons/focusdesk.svg" "$share/icons/hicolor/scalable/apps/$app_id.svg"
for png in "$icons"/focusdesk-[0-9]*.png; do
  size=${png##*-}
  size=${size%.png}
  install -D -m 644 "$png" "$share/icons/hicolor/${size}x${size}/apps/$app_id.png"
done

echo "built $dist/focusdesk ($(du -sh "$dist/focusdesk" | cut -f1)); run $dist/focusdesk/focusdesk"
