"""Guards against Qt bindings that would crash a long-running FocusDesk."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
from PySide6.QtCore import QObject
obj = QObject()
before = sys.getrefcount(None)
for _ in range(2000):
    obj.setObjectName("x")
print(sys.getrefcount(None) - before)
"""


def test_calls_returning_nothing_keep_none_alive() -> None:
    # PySide6 6.12.0 on Python 3.11 loses one reference to None per such call
    # and the interpreter aborts once None's count reaches zero.
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-500:]
    assert abs(int(done.stdout.strip())) < 50
