"""Writes resources/icons/focusdesk.ico (Windows) and focusdesk.icns (macOS) from the PNGs.

Both formats are containers of PNG images, so this needs nothing beyond the
standard library and runs on any system; the results are committed, and
tests/packaging/test_icons.py checks they still match the PNGs.

    python packaging/make_icons.py
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS types that hold PNG data, by the pixel size they carry (Apple's "icp4".."ic14").
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic11", 32),  # 16 pt at 2x
    (b"ic12", 64),  # 32 pt at 2x
    (b"ic13", 256),  # 128 pt at 2x
)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png(size: int, folder: Path = ICONS) -> bytes:
    data = (folder / f"focusdesk-{size}.png").read_bytes()
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError(f"focusdesk-{size}.png is not a PNG")
    width, height = struct.unpack(">II", data[16:24])
    if (width, height) != (size, size):
        raise ValueError(f"focusdesk-{size}.png is {width}x{height}, not {size}x{size}")
    return data


def ico_bytes(folder: Path = ICONS) -> bytes:
    """An ICONDIR and one PNG-compressed entry per size (read by Windows Vista and later)."""
    images = [png(size, folder) for size in ICO_SIZES]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries = b""
    for size, image in zip(ICO_SIZES, images, strict=True):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(image), offset)
        offset += len(image)
    return header + entries + b"".join(images)


def icns_bytes(folder: Path = ICONS) -> bytes:
    body = b""
    for kind, size in ICNS_TYPES:
        image = png(size, folder)
        body += kind + struct.pack(">I", 8 + len(image)) + image
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    (ICONS / "focusdesk.ico").write_bytes(ico_bytes())
    (ICONS / "focusdesk.icns").write_bytes(icns_bytes())
    print(f"wrote {ICONS / 'focusdesk.ico'} and {ICONS / 'focusdesk.icns'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
