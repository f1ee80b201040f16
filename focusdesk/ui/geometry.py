"""Remembering where windows were and how big, per window, across runs.

Qt's QSettings in an INI file beside settings.toml: geometry is Qt's own
binary blob and has no place in the user's hand-editable TOML.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QWidget


class GeometryStore:
    def __init__(self, config_dir: Path) -> None:
        config_dir.mkdir(parents=True, exist_ok=True)
        self._settings = QSettings(str(config_dir / "windows.ini"), QSettings.Format.IniFormat)

    def restore(self, widget: QWidget, key: str) -> bool:
        """Put ``widget`` back where it was; False when it has no saved place yet."""
        blob = self._settings.value(f"{key}/geometry")
        if isinstance(blob, QByteArray) and not blob.isEmpty():
            return bool(widget.restoreGeometry(blob))
        return False

    def save(self, widget: QWidget, key: str) -> None:
        self._settings.setValue(f"{key}/geometry", widget.saveGeometry())
        self._settings.sync()
