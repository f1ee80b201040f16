"""What every use case needs, built once by the CLI or the app and passed down.

There is no global application object: whoever starts FocusDesk builds an
AppContext and hands it to the services it uses. The database opens lazily,
so commands that do not need it (``--version``) never pay for SQLAlchemy.
"""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from focusdesk.core.clock import Clock
from focusdesk.services.clock import local_zone, system_clock
from focusdesk.services.paths import AppPaths, resolve_paths
from focusdesk.store.files import FILE_MODE, ensure_private_dir

if TYPE_CHECKING:
    from focusdesk.core.settings import Settings
    from focusdesk.services.settings import LoadedSettings
    from focusdesk.store.database import Database


@dataclass
class AppContext:
    paths: AppPaths
    clock: Clock = system_clock
    tz: tzinfo = field(default_factory=local_zone)
    database_url: str | None = None
    device_name: str = field(default_factory=platform.node)
    _db: Database | None = field(default=None, repr=False)
    _device_id: int | None = field(default=None, repr=False)
    _settings: LoadedSettings | None = field(default=None, repr=False)

    @classmethod
    def create(
        cls,
        data_dir: Path | str | None = None,
        database_url: str | None = None,
        *,
        clock: Clock = system_clock,
        tz: tzinfo | None = None,
    ) -> AppContext:
        url = database_url or os.environ.get("FOCUSDESK_DATABASE_URL") or None
        return cls(resolve_paths(data_dir), clock, tz or local_zone(), url)

    @property
    def db(self) -> Database:
        if self._db is None:
            from focusdesk.store.database import open_database

            ensure_private_dir(self.paths.data_dir)
            if self.database_url:
                db = open_database(url=self.database_url, clock=self.clock)
            else:
                db = open_database(sqlite_path=self.paths.database, clock=self.clock)
            try:
                self._device_id = self._register_device(db)
            except Exception:
                db.close()
                raise
            self._db = db
        return self._db

    @property
    def device_id(self) -> int:
        """This computer's row in ``devices`` (registered when the database opens)."""
        if self._device_id is None:
            self.db  # noqa: B018 - opening registers the device
        assert self._device_id is not None
        return self._device_id

    def _register_device(self, db: Database) -> int:
        """Register this computer; the first device of a new database seeds the default rules."""
        from focusdesk.services.rules import default_rules
        from focusdesk.store import rules as rules_store
        from focusdesk.store.devices import device_count, ensure_device

        uid = self._device_uid()
        with db.sessions.begin() as session:
            first = device_count(session) == 0
            device_id, _created = ensure_device(session, uid, self.device_name, self.clock())
            if first and rules_store.rule_count(session) == 0:
                for rule in default_rules():
                    rules_store.add_rule(session, rule, self.clock())
        return device_id

    @property
    def loaded_settings(self) -> LoadedSettings:
        """The settings file, read once; a broken file is kept aside and reported here."""
        if self._settings is None:
            from focusdesk.services.settings import load_settings

            self._settings = load_settings(self.paths.settings_file, self.clock())
        return self._settings

    @property
    def settings(self) -> Settings:
        return self.loaded_settings.settings

    def save_settings(self, settings: Settings) -> None:
        from focusdesk.services.settings import LoadedSettings, save_settings

        save_settings(self.paths.settings_file, settings)
        self._settings = LoadedSettings(settings)

    def _device_uid(self) -> str:
        import uuid  # only when the database opens: kept off the way to the tray

        path = self.paths.device_file
        ensure_private_dir(path.parent)
        if path.exists():
            try:
                return str(uuid.UUID(path.read_text(encoding="ascii").strip()))
            except (OSError, ValueError, UnicodeDecodeError):
                # Unreadable: keep it aside for inspection and start a new identity.
                path.replace(path.with_name(path.name + ".unreadable"))
        uid = str(uuid.uuid4())
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(uid + "\n")
        return uid

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
