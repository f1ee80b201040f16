"""The user's registered business pages as patterns the classifier checks first.

A business page is business wherever it shows up: in the address bar (the
window's URL starts with the page's address, whatever the scheme, a
``www.`` or a trailing slash) or in the window title (the page's name as
whole words, any case, any spacing). Turning pages into ordinary patterns
lets them share the rule index, so registering pages costs nothing per
window. The patterns are built from escaped text only, so they are safe
without the checks user patterns get.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from focusdesk.core.enums import RuleField
from focusdesk.core.settings import BusinessPage

_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*://", re.IGNORECASE)


def page_address(url: str) -> str:
    """The part of an address that identifies a page: no scheme, no ``www.``, no trailing slash."""
    address = _SCHEME.sub("", url.strip())
    if address[:4].lower() == "www.":
        address = address[4:]
    return address.rstrip("/")


def url_pattern(page: BusinessPage) -> str | None:
    """A window URL at or under the page's address (not a longer name that starts the same)."""
    address = page_address(page.url)
    if not address:
        return None
    ends = "[/?#&]" if "?" in address else "[/?#]"  # a query may go on with more parameters
    return rf"^(?:[a-z][a-z0-9+.\-]*://)?(?:www\.)?{re.escape(address)}(?:{ends}|$)"


def title_pattern(page: BusinessPage) -> str | None:
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
        for field, pattern in (
            (RuleField.URL, url_pattern(page)),
            (RuleField.TITLE, title_pattern(page)),
        ):
            if pattern is not None:
                out.append((field, pattern, page))
    return out


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"
