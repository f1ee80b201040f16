"""Refusing rule patterns that could hang the app.

Python's ``re`` backtracks, so some patterns take exponential (``(a+)+$``)
or high-polynomial (``.*a.*a.*b``) time on an unlucky title, and the tracker
would freeze inside one ``search`` call that cannot be interrupted. Instead
of running patterns under a time limit (a thread per match is far too slow
for classification), a pattern is analysed once, when it is saved, from
the tree ``re._parser`` builds, and refused with a message saying why.

The heuristic, conservative on purpose (a rare harmless pattern refused is
better than a frozen tracker):

* a repeat that can run more than once (``*``, ``+``, ``{2,}``...) must not
  have a body that can match nothing (``(a*)*``, ``(|a)+``), must not hold
  another variable repeat (``(a+)+``, ``(\\w+\\s?)+``) and must not hold
  alternatives that can start with the same character or both match
  nothing (``(a|a)*``, ``(a|ab)+``): each of these lets the engine split
  the same text between iterations in exponentially many ways;
* two long repeats (unbounded, or 16 or more optional steps) in a row must
  be fenced: something between them that must match a character the first
  one cannot (``\\d+\\) .*`` is fine, ``.*a.*b`` or ``\\w+\\s*\\w+`` is
  not), otherwise the engine tries every split point of every repeat. A
  repeat that ends the pattern (``foo.*bar.*``) is allowed: with nothing
  after it, it cannot fail.

Character sets are compared as ``rule_charsets`` explains.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from re import _constants as C
from re import _parser
from typing import Any

from focusdesk.core.errors import ValidationError
from focusdesk.core.rule_charsets import CharNode, CharSets
from focusdesk.core.rule_tree import (
    ANY_CHAR,
    ONE_CHAR,
    REPEATS,
    ZERO_WIDTH,
    Item,
    first,
    flags_of,
    freeze,
    nullable,
    walk,
)

MAX_PATTERN_LENGTH = 300
MAX_GROUP_DEPTH = 5
LONG_REPEAT = 16


class _Unsafe(Exception):
    """Raised inside the analysis with the message the user will see."""


def check_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a user's pattern or explain why it cannot be used."""
    return checked_pattern(pattern)[0]


def checked_pattern(pattern: str) -> tuple[re.Pattern[str], Any]:
    """The compiled pattern and its parse tree, once the pattern is known to be safe."""
    if not pattern or not pattern.strip():
        raise ValidationError("pattern", "The pattern is empty.")
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise ValidationError(
            "pattern",
            f"The pattern is too long ({len(pattern)} characters; at most {MAX_PATTERN_LENGTH}).",
        )
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
        tree = _parser.parse(pattern, re.IGNORECASE)
    except (re.error, OverflowError, RecursionError) as exc:
        raise ValidationError(
            "pattern", f"The pattern is not a valid regular expression: {exc}"
        ) from None
    depth = group_depth(pattern)
    if depth > MAX_GROUP_DEPTH:
        raise ValidationError(
            "pattern",
            f"The pattern nests groups too deeply ({depth} levels; at most {MAX_GROUP_DEPTH}).",
        )
    try:
        _Analysis().sequence(tree.data, int(tree.state.flags), top=True)
    except _Unsafe as exc:
        raise ValidationError("pattern", f"The pattern could make matching hang: {exc}") from None
    return compiled, tree


def group_depth(pattern: str) -> int:
    """How deeply parentheses nest, as the user wrote them (the parser drops ``(?:...)``)."""
    depth = deepest = 0
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _skip_class(pattern, i)
            continue
        if ch == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif ch == ")":
            depth -= 1
        i += 1
    return deepest


def _skip_class(pattern: str, start: int) -> int:
    """The index after the character class that opens at ``start``."""
    i, n = start + 1, len(pattern)
    if i < n and pattern[i] == "^":
        i += 1
    if i < n and pattern[i] == "]":  # a ']' first in a class is literal
        i += 1
    while i < n and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


class _Analysis:
    """One pattern's walk (with its own cache of character-set comparisons)."""

    def __init__(self) -> None:
        self.overlap = CharSets().overlap

    def sequence(self, items: Sequence[Item], flags: int, top: bool = False) -> None:
        open_chars: list[CharNode] | None = None
        for index, (op, av) in enumerate(items):
            self._children(op, av, flags)
            if op in ZERO_WIDTH:
                continue
            item = [(op, av)]
            long_chars = self.long_chars(item, flags)
            if (
                open_chars is not None
                and not nullable(item)
                and not self.overlap(first(item, flags), open_chars)
            ):
                open_chars = None  # a fence: the repeats before must stop right here
            if long_chars is None:
                continue
            if (
                open_chars is not None
                and self.overlap(long_chars, open_chars)
                and not (top and _trailing_repeat(op, av, items[index + 1 :]))
            ):
                raise _Unsafe(
                    "two unlimited repeats (such as '.*', '+' or '*') can match the same "
                    "text, as in '.*a.*b', which is very slow on long titles; separate them "
                    "with something only one of them can match, or drop a leading or "
                    "trailing '.*' (rules match anywhere in the text anyway)"
                )
            open_chars = [*(open_chars or []), *long_chars]

    def _children(self, op: Any, av: Any, flags: int) -> None:
        if op in REPEATS:
            _low, high, body = av
            if high > 1:
                self._repeat_body(body.data, flags)
            self.sequence(body.data, flags)
        elif op is C.SUBPATTERN:
            self.sequence(av[3].data, flags_of(av, flags))
        elif op is C.BRANCH:
            for alternative in av[1]:
                self.sequence(alternative.data, flags)
        elif op is C.ATOMIC_GROUP:
            self.sequence(av.data, flags)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            self.sequence(av[1].data, flags)
        elif op is C.GROUPREF_EXISTS:
            for branch in av[1:]:
                if branch is not None:
                    self.sequence(branch.data, flags)

    def _repeat_body(self, body: Sequence[Item], flags: int) -> None:
        if nullable(body):
            raise _Unsafe("a repeated part can match nothing, as in '(a*)*'")
        for op, av, inner_flags in walk(body, flags):
            if op in REPEATS and av[1] > av[0]:
                raise _Unsafe("a repeat inside a repeat, as in '(a+)+' or '(\\w+\\s?)+'")
            if op is C.GROUPREF:
                raise _Unsafe("a back-reference inside a repeat")
            if op is C.BRANCH:
                self._distinct_alternatives(av[1], inner_flags)

    def _distinct_alternatives(self, alternatives: Sequence[Any], flags: int) -> None:
        seen: list[list[CharNode]] = []
        empty = 0
        for alternative in alternatives:
            if nullable(alternative.data):
                empty += 1
            starts = first(alternative.data, flags)
            if empty > 0 or any(self.overlap(starts, other) for other in seen):
                raise _Unsafe(
                    "alternatives inside a repeat can match the same text, as in '(a|a)*' "
                    "or '(a|ab)+'"
                )
            seen.append(starts)

    def long_chars(self, items: Iterable[Item], flags: int) -> list[CharNode] | None:
        """Every character the long repeats inside the items can match, or None if there are none."""
        out: list[CharNode] = []
        found = False
        for op, av, inner_flags in walk(items, flags):
            if op in REPEATS and _is_long(av[0], av[1]):
                found = True
                out += [
                    (o, freeze(a), f) for o, a, f in walk(av[2].data, inner_flags) if o in ONE_CHAR
                ]
            elif op is C.GROUPREF:
                found = True
                out.append(ANY_CHAR)
        return out if found else None


def _trailing_repeat(op: Any, av: Any, rest: Sequence[Item]) -> bool:
    """A repeat of one character, needing at most one, with nothing after it: it cannot fail late.

    Not even ``$`` may follow: ``\\w+$`` fails whenever the title does not end
    in a word character, after trying every split of what came before.
    """
    if op not in REPEATS or av[0] > 1 or len(av[2].data) != 1 or rest:
        return False
    return av[2].data[0][0] in ONE_CHAR


def _is_long(low: int, high: int) -> bool:
    return high - low >= LONG_REPEAT
