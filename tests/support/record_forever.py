"""A stand-in for the tracking loop of a running app, for crash tests.

Run as a script: it records one observation every 0.2 s into the data dir
given, touching the running session as the app does, until it is killed.
"""

from __future__ import annotations

import sys
import time
from itertools import cycle

from focusdesk.core.activity import Observation, WindowKey
from focusdesk.services.context import AppContext
from focusdesk.services.recording import Recorder
from focusdesk.services.rules import RuleService
from focusdesk.services.sessions import SessionService


def main(data_dir: str) -> None:
    ctx = AppContext.create(data_dir)
    sessions = SessionService(ctx)
    running = sessions.current()
    recorder = Recorder(
        ctx.db, device_id=ctx.device_id, classifier=RuleService(ctx).classifier(), tz=ctx.tz
    )
    windows = cycle(
        [WindowKey("firefox", "Messenger | Facebook")] * 20
        + [WindowKey("firefox", "(2) Facebook")] * 10
    )
    print("recording", flush=True)
    while True:
        recorder.observe(Observation(ctx.clock(), next(windows), running.id if running else None))
        sessions.touch()
        time.sleep(0.2)


if __name__ == "__main__":
    main(sys.argv[1])
