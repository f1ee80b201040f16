"""Column types that keep rows small and portable between SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, Dialect, SmallInteger
from sqlalchemy.types import TypeDecorator

from focusdesk.core.enums import Category, Source


class EpochSeconds(TypeDecorator[datetime]):
    """An aware UTC datetime stored as whole seconds since the Unix epoch.

    An integer is UTC by definition, sorts and compares the same on every
    database, and costs four to six bytes in SQLite instead of a 26-byte string.
    """

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes cannot be stored; attach a time zone")
        return int(value.timestamp())

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return datetime.fromtimestamp(int(value), UTC)


def to_epoch(value: datetime) -> int:
    return int(value.timestamp())


def from_epoch(value: int) -> datetime:
    return datetime.fromtimestamp(int(value), UTC)


class _CodedEnum(TypeDecorator[StrEnum]):
    """A string enum stored as a one-byte code (spans are the bulk of the data)."""

    impl = SmallInteger
    cache_ok = True
    codes: dict[Any, int] = {}  # noqa: RUF012 - overridden per subclass, never mutated
    by_code: dict[int, Any] = {}  # noqa: RUF012

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        return self.codes[value]

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        return self.by_code[int(value)]


CATEGORY_CODES: dict[Category, int] = {
    Category.NEUTRAL: 0,
    Category.BUSINESS: 1,
    Category.CASUAL: 2,
}
CATEGORY_BY_CODE: dict[int, Category] = {v: k for k, v in CATEGORY_CODES.items()}
SOURCE_CODES: dict[Source, int] = {Source.AUTO: 0, Source.MANUAL: 1, Source.IMPORT: 2}
SOURCE_BY_CODE: dict[int, Source] = {v: k for k, v in SOURCE_CODES.items()}


class CategoryCode(_CodedEnum):
    cache_ok = True
    codes = CATEGORY_CODES  # type: ignore[assignment]
    by_code = CATEGORY_BY_CODE  # type: ignore[assignment]


class SourceCode(_CodedEnum):
    cache_ok = True
    codes = SOURCE_CODES  # type: ignore[assignment]
    by_code = SOURCE_BY_CODE  # type: ignore[assignment]
