from __future__ import annotations

from focusdesk.cli.main import main

raise SystemExit(main())
