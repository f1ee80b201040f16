"""Starting at log-in on Linux and the BSDs: an XDG autostart desktop entry.

GNOME, KDE, Xfce, LXQt, Cinnamon and MATE all start the entries in
``$XDG_CONFIG_HOME/autostart`` (by default ~/.config/autostart) and list them
in their own start-up settings, where the user can also switch them off
(``Hidden=true`` or ``X-GNOME-Autostart-enabled=false``), which counts as off.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from focusdesk.services.autostart import APP_ID, APP_NAME, FileAutostart

# Desktop Entry Specification, "The Exec key": characters that make quoting necessary,
# and those that must be escaped with a backslash inside quotes.
_RESERVED = re.compile(r"""[\s"'\\><~|&;$*?#()`]""")
_ESCAPED_IN_QUOTES = re.compile(r'(["`$\\])')
_SWITCHED_OFF = re.compile(
    r"^\s*(Hidden\s*=\s*true|X-GNOME-Autostart-enabled\s*=\s*false)\s*$", re.IGNORECASE | re.M
)


def exec_value(argv: Sequence[str]) -> str:
    """``argv`` as a desktop entry's Exec value (quoting, then the string escapes)."""
    words = []
    for arg in argv:
        word = arg.replace("%", "%%")
        if not word or _RESERVED.search(word):
            word = '"' + _ESCAPED_IN_QUOTES.sub(r"\\\1", word) + '"'
        words.append(word)
    # Exec is a string value: its backslashes are escaped once more in the file.
    return " ".join(words).replace("\\", "\\\\")


def entry_text(argv: Sequence[str]) -> str:
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            f"Name={APP_NAME}",
            "Comment=A definite objective and a time box for every social-media session",
            f"Exec={exec_value(argv)}",
            f"Icon={APP_ID}",
            "Terminal=false",
            "X-GNOME-Autostart-enabled=true",
            "",
        ]
    )


class XdgAutostart(FileAutostart):
    suffix = ".desktop"

    def render(self) -> bytes:
        return entry_text(self.command).encode("utf-8")

    def is_enabled(self) -> bool:
        content = self.read()
        if content is None:
            return False
        return _SWITCHED_OFF.search(content.decode("utf-8", errors="replace")) is None

    def describe(self) -> str:
        return f"XDG autostart entry {self.path}"
