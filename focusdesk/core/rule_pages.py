"""The user's registered pages as patterns the classifier checks before any rule.

A business page is business wherever it shows up: in the address bar (the
window's URL starts with the page's address, whatever the scheme, a
``www.`` or a trailing slash) or in the window title (the page's name as
whole words, any case, any spacing). Turning pages into ordinary patterns
lets them share the rule index, so registering pages costs nothing per
window. The patterns are built from escaped text only, so they are safe
without the checks user patterns get.

Personal pages are recognised the same two ways, plus by the user's own
optional pattern over titles and addresses (checked like a rule's, since
the user wrote it). They come right after business pages: a page the user
calls business stays business even if a personal pattern also matches it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from re import _parser
from typing import Any, Protocol

from focusdesk.core.enums import RuleField
from focusdesk.core.errors import ValidationError
from focusdesk.core.rule_safety import checked_pattern
from focusdesk.core.settings import BusinessPage, PersonalPage


class NamedPage(Protocol):
    """Business and personal pages alike: recognised by their name and their address."""

    @property
    def name(self) -> str: ...

    @property
    def url(self) -> str: ...


_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*://", re.IGNORECASE)


def page_address(url: str) -> str:
    """The part of an address that identifies a page: no scheme, no ``www.``, no trailing slash."""
    address = _SCHEME.sub("", url.strip())
    if address[:4].lower() == "www.":
        address = address[4:]
    return address.rstrip("/")


def url_pattern(page: NamedPage) -> str | None:
    """A window URL at or under the page's address (not a longer name that starts the same)."""
    address = page_address(page.url)
    if not address:
        return None
    ends = "[/?#&]" if "?" in address else "[/?#]"  # a query may go on with more parameters
    return rf"^(?:[a-z][a-z0-9+.\-]*://)?(?:www\.)?{re.escape(address)}(?:{ends}|$)"


def title_pattern(page: NamedPage) -> str | None:
    """The page's name as whole words; a name that starts or ends with a symbol needs no boundary."""
    words = page.name.split()
    if not words:
        return None
    body = r"\s+".join(re.escape(word) for word in words)
    before = r"\b" if _is_word(words[0][0]) else r"(?<!\w)"
    after = r"\b" if _is_word(words[-1][-1]) else r"(?!\w)"
    return f"{before}{body}{after}"


def page_patterns(pages: Iterable[BusinessPage]) -> list[tuple[RuleField, str, BusinessPage]]:
    """(field, pattern, page) for every way each page can be recognised, in page order."""
    out: list[tuple[RuleField, str, BusinessPage]] = []
    for page in pages:
        out.extend((field, pattern, page) for field, pattern in _name_and_address(page))
    return out


def personal_patterns(
    pages: Iterable[PersonalPage],
) -> tuple[
    list[tuple[RuleField, re.Pattern[str], Any, PersonalPage]], list[tuple[PersonalPage, str]]
]:
    """(field, compiled, parse tree, page) for each way a personal page is recognised.

    The user's pattern is tried on titles and on addresses. A pattern that
    fails the safety check (saved before a stricter check existed) is left
    out and returned with its reason, like a skipped rule: the page is then
    still recognised by its address and name.
    """
    out: list[tuple[RuleField, re.Pattern[str], Any, PersonalPage]] = []
    skipped: list[tuple[PersonalPage, str]] = []
    for page in pages:
        for field, pattern in _name_and_address(page):
            compiled = re.compile(pattern, re.IGNORECASE)
            out.append((field, compiled, _parser.parse(pattern, re.IGNORECASE), page))
        if page.pattern:
            try:
                compiled, tree = checked_pattern(page.pattern)
            except ValidationError as exc:
                skipped.append((page, exc.message))
                continue
            out.append((RuleField.TITLE, compiled, tree, page))
            out.append((RuleField.URL, compiled, tree, page))
    return out, skipped


def _name_and_address(page: NamedPage) -> list[tuple[RuleField, str]]:
    found = ((RuleField.URL, url_pattern(page)), (RuleField.TITLE, title_pattern(page)))
    return [(field, pattern) for field, pattern in found if pattern is not None]


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"
