"""Render the summary window to PNGs (light and dark) for a visual check.

QT_QPA_PLATFORM=offscreen python tests/ui/summary/render_screenshot.py /tmp
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from focusdesk.services.context import AppContext
from focusdesk.ui.summary.presenter import SummaryPresenter
from tests.support.clock import FakeClock
from tests.ui.summary.scenario import DAY, fill_day, fill_week


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2d30",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1f22",
        QPalette.ColorRole.AlternateBase: "#26282b",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#3a3c40",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.Highlight: "#3d8fd6",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Mid: "#55585d",
        QPalette.ColorRole.ToolTipBase: "#3a3c40",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7d82"))
    return palette


def main(out: Path) -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setStyle("Fusion")
    with tempfile.TemporaryDirectory() as tmp:
        clock = FakeClock()
        ctx = AppContext.create(Path(tmp) / "data", clock=clock, tz=ZoneInfo("Europe/Berlin"))
        fill_week(ctx, clock)
        fill_day(ctx, clock)
        presenter = SummaryPresenter(ctx, None)
        presenter.show_day(DAY)
        view = presenter.view
        view.resize(1000, 760)
        for _ in range(3):
            app.processEvents()
        view.grab().save(str(out / "summary.png"))
        app.setPalette(dark_palette())
        for _ in range(3):
            app.processEvents()
        view.grab().save(str(out / "summary-dark.png"))
        view.close()
        ctx.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp"))
