"""Starting at log-in on Windows: a value under the per-user Run key.

``HKEY_CURRENT_USER\\...\\CurrentVersion\\Run`` needs no administrator rights,
and Task Manager's Startup tab lists it, where the user can also disable it
(Windows then records that under ``StartupApproved``, which this backend
leaves to Windows). The registry module is passed in, so tests run anywhere.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from typing import Any

from focusdesk.services.autostart import APP_NAME, AutostartBackend, AutostartError

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


class RunKeyAutostart(AutostartBackend):
    def __init__(self, registry: Any, command: Sequence[str]) -> None:
        self.registry = registry
        self.command = list(command)

    def _key(self, access: int) -> Any:
        return self.registry.OpenKey(self.registry.HKEY_CURRENT_USER, RUN_KEY, 0, access)

    def is_enabled(self) -> bool:
        try:
            with self._key(self.registry.KEY_READ) as key:
                value, _ = self.registry.QueryValueEx(key, APP_NAME)
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise AutostartError(f"cannot read the Run key: {exc}") from None
        return bool(value)

    def enable(self) -> None:
        line = subprocess.list2cmdline(self.command)
        try:
            with self.registry.CreateKeyEx(
                self.registry.HKEY_CURRENT_USER, RUN_KEY, 0, self.registry.KEY_SET_VALUE
            ) as key:
                self.registry.SetValueEx(key, APP_NAME, 0, self.registry.REG_SZ, line)
        except OSError as exc:
            raise AutostartError(f"cannot write the Run key: {exc}") from None

    def disable(self) -> None:
        try:
            with self._key(self.registry.KEY_SET_VALUE) as key:
                self.registry.DeleteValue(key, APP_NAME)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise AutostartError(f"cannot change the Run key: {exc}") from None

    def describe(self) -> str:
        return f"registry value {APP_NAME} under HKEY_CURRENT_USER\\{RUN_KEY}"
