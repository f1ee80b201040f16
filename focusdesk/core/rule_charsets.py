"""Comparing the character sets of regex nodes: can two of them match the same character?

The safety check (``rule_safety``) needs this to tell a fence (``\\d+\\)``:
no digit is a parenthesis) from an overlap (``.*a``). Sets are compared on a
probe alphabet: all of ASCII, a few common non-ASCII letters and symbols,
and every character either set names itself, in upper and lower case. That
is exact for literals and ranges (two overlapping ranges share an end
point) and a close approximation for classes such as ``\\w``; each node is
turned back into a one-character regex so that ``re`` itself, with the
node's flags, decides what it matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from re import _constants as C
from typing import Any

CharNode = tuple[Any, Any, int]  # (op, argument, flags) of a node that matches one character
PROBES = "".join(map(chr, range(128))) + "éèüößçñøåæœİıſKµσςΣжЖ中日😀–—•·\u00a0\u2003\u0301٣"
_CATEGORY_SOURCE = {
    C.CATEGORY_DIGIT: r"\d",
    C.CATEGORY_NOT_DIGIT: r"\D",
    C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S",
    C.CATEGORY_WORD: r"\w",
    C.CATEGORY_NOT_WORD: r"\W",
}


class CharSets:
    """Overlap tests for one pattern's analysis, remembering what it worked out."""

    def __init__(self) -> None:
        self._members: dict[CharNode, frozenset[str]] = {}
        self._regexes: dict[CharNode, re.Pattern[str]] = {}
        self._overlaps: dict[tuple[tuple[CharNode, ...], tuple[CharNode, ...]], bool] = {}

    def overlap(self, a: Sequence[CharNode], b: Sequence[CharNode]) -> bool:
        """Whether some character can be matched by a node of ``a`` and a node of ``b``."""
        if not a or not b:
            return False
        key = (tuple(a), tuple(b))
        known = self._overlaps.get(key)
        if known is None:
            known = self._overlaps[key] = self._compare(a, b)
        return known

    def _compare(self, a: Sequence[CharNode], b: Sequence[CharNode]) -> bool:
        if self._probe_members(a) & self._probe_members(b):
            return True
        named = {
            v for ch in (*_named_chars(a), *_named_chars(b)) for v in (ch, ch.lower(), ch.upper())
        }
        return any(
            any(self._regex(n).fullmatch(ch) for n in a)
            and any(self._regex(n).fullmatch(ch) for n in b)
            for ch in named
        )

    def _probe_members(self, nodes: Sequence[CharNode]) -> frozenset[str]:
        out: frozenset[str] = frozenset()
        for node in nodes:
            found = self._members.get(node)
            if found is None:
                found = self._members[node] = frozenset(self._regex(node).findall(PROBES))
            out |= found
        return out

    def _regex(self, node: CharNode) -> re.Pattern[str]:
        found = self._regexes.get(node)
        if found is None:
            found = self._regexes[node] = char_regex(node)
        return found


def _named_chars(nodes: Sequence[CharNode]) -> Iterable[str]:
    for op, av, _flags in nodes:
        if op in (C.LITERAL, C.NOT_LITERAL):
            yield chr(av)
        elif op is C.IN:
            for item_op, item_av in av:
                if item_op is C.LITERAL:
                    yield chr(item_av)
                elif item_op is C.RANGE:
                    yield chr(item_av[0])
                    yield chr(item_av[1])


def char_regex(node: CharNode) -> re.Pattern[str]:
    """A one-character regex equivalent to the node, to test probe characters against."""
    op, av, flags = node
    if op is C.LITERAL:
        source = _escape(av)
    elif op is C.NOT_LITERAL:
        source = f"[^{_escape(av)}]"
    elif op is C.ANY:
        source = "(?s:.)"
    else:
        parts = []
        for item_op, item_av in av:
            if item_op is C.NEGATE:
                parts.insert(0, "^")
            elif item_op is C.LITERAL:
                parts.append(_escape(item_av))
            elif item_op is C.RANGE:
                parts.append(f"{_escape(item_av[0])}-{_escape(item_av[1])}")
            else:
                parts.append(_CATEGORY_SOURCE.get(item_av, r"\s\S"))
        source = f"[{''.join(parts)}]"
    return re.compile(source, flags & (re.IGNORECASE | re.ASCII))


def _escape(code: int) -> str:
    return f"\\U{code:08x}"
