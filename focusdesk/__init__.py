"""FocusDesk: a system-tray focus and time-boxing assistant for social-media business work."""

from __future__ import annotations

__version__ = "0.1.0"
