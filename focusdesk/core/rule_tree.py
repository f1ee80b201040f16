"""Properties of the parse trees ``re._parser`` builds, for the rule checks.

A tree is a list of (opcode, argument) items; groups, branches, repeats and
lookarounds hold sub-lists. These helpers answer the questions the safety
check asks of them: can these items match nothing, which characters can a
match start with, and what is inside.
"""

from __future__ import annotations

from collections.abc import Iterable
from re import _constants as C
from typing import Any

from focusdesk.core.rule_charsets import CharNode

Item = tuple[Any, Any]
REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
ONE_CHAR = (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN)
ANY_CHAR: CharNode = (C.ANY, None, 0)


def flags_of(av: Any, flags: int) -> int:
    """The flags in force inside a group such as ``(?i-s:...)``."""
    _group, add, remove, _body = av
    return (flags | add) & ~remove


def freeze(av: Any) -> Any:
    """A hashable form of a node's argument (character classes are lists)."""
    return tuple(av) if isinstance(av, list) else av


def nullable(items: Iterable[Item]) -> bool:
    """Whether the items can match the empty string."""
    for op, av in items:
        if op in ZERO_WIDTH:
            continue
        if op in REPEATS:
            if av[0] > 0 and not nullable(av[2].data):
                return False
        elif op is C.SUBPATTERN:
            if not nullable(av[3].data):
                return False
        elif op is C.ATOMIC_GROUP:
            if not nullable(av.data):
                return False
        elif op is C.BRANCH:
            if not any(nullable(alt.data) for alt in av[1]):
                return False
        elif op is C.GROUPREF_EXISTS:
            if not all(b is None or nullable(b.data) for b in av[1:]):
                return False
        elif op is not C.GROUPREF:  # a back-reference may repeat an empty group
            return False
    return True


def first(items: Iterable[Item], flags: int) -> list[CharNode]:
    """The character nodes a match of the items can start with."""
    out: list[CharNode] = []
    for op, av in items:
        if op in ZERO_WIDTH:
            continue
        if op in ONE_CHAR:
            out.append((op, freeze(av), flags))
        elif op in REPEATS:
            out += first(av[2].data, flags)
        elif op is C.SUBPATTERN:
            out += first(av[3].data, flags_of(av, flags))
        elif op is C.ATOMIC_GROUP:
            out += first(av.data, flags)
        elif op is C.BRANCH:
            for alt in av[1]:
                out += first(alt.data, flags)
        elif op is C.GROUPREF_EXISTS:
            for branch in av[1:]:
                if branch is not None:
                    out += first(branch.data, flags)
        else:
            out.append(ANY_CHAR)
        if not nullable([(op, av)]):
            break
    return out


def walk(items: Iterable[Item], flags: int) -> Iterable[tuple[Any, Any, int]]:
    """Every node under ``items`` with the flags in force there, parents before children."""
    for op, av in items:
        yield op, av, flags
        if op in REPEATS:
            yield from walk(av[2].data, flags)
        elif op is C.SUBPATTERN:
            yield from walk(av[3].data, flags_of(av, flags))
        elif op is C.ATOMIC_GROUP:
            yield from walk(av.data, flags)
        elif op is C.BRANCH:
            for alt in av[1]:
                yield from walk(alt.data, flags)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            yield from walk(av[1].data, flags)
        elif op is C.GROUPREF_EXISTS:
            for branch in av[1:]:
                if branch is not None:
                    yield from walk(branch.data, flags)
