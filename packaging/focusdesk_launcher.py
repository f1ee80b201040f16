"""The bundle's entry point: what ``focusdesk`` (the installed script) does, frozen.

A frozen app has no Python interpreter to hand to a child process, yet
``focusdesk doctor`` asks Qt about the tray in a child (``sys.executable -c
CODE``) so a broken Qt cannot take doctor down. In the bundle
``sys.executable`` is this program, so it answers ``-c CODE`` the way
Python would; everything else is the normal command line.
"""

from __future__ import annotations

import sys


def main() -> int:
    argv = sys.argv[1:]
    if getattr(sys, "frozen", False) and len(argv) >= 2 and argv[0] == "-c":
        sys.argv = ["-c", *argv[2:]]
        exec(compile(argv[1], "<string>", "exec"), {"__name__": "__main__"})
        return 0
    from focusdesk.cli.main import main as focusdesk_main

    return focusdesk_main()


if __name__ == "__main__":
    raise SystemExit(main())
