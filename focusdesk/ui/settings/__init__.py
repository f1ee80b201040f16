"""The Settings dialog, split into one module per tab and one for the dialog."""

from __future__ import annotations

from focusdesk.ui.settings.dialog import SettingsDialog

__all__ = ["SettingsDialog"]
