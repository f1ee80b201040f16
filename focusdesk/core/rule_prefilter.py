"""What text a pattern needs before it can match: the key to classifying fast.

Running 200 regexes on every window is about 40 times too slow, and one big
alternation is no better (Python's engine tries every branch at every
position). Instead each pattern is read, once, for a necessary condition —
some literal text that must be present for it to match — and the classifier
indexes rules by it, so that a window is checked only against the few rules
whose literal text it contains. The conditions, from cheapest to check:

* ``exact``: the whole field is this text (``^Team Alpha \\| Facebook$``);
* ``token``: some word of the field is exactly this (``\\b(inbox|chats?)\\b``);
* ``prefix``, ``suffix``, ``infix``: some word of the field starts with,
  ends with or contains this (``canva`` needs a word containing "canva",
  ``sales nav`` one ending in "sales");
* ``substr``: the field contains this text, which has no word characters
  at all (``") "``).

A pattern offers a set of choices, one per string it may match at that
place (``chats?`` offers "chat" and "chats"), and the field must meet one
requirement of one choice; within a choice any requirement will do (the
index takes the one fewest rules share, see ``rule_index``). A rule with no
usable literal (``^\\d+$``) is simply checked on every window.

Matching is case-insensitive, so literals and fields are compared after
``fold``, which maps every character to one representative of the set of
characters ``re.IGNORECASE`` treats as equal (``str.lower`` alone is not
enough: ``re`` also equates ``s`` with ``ſ``, ``i`` with ``ı`` and ``İ``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import product
from re import _compiler
from re import _constants as C
from types import MappingProxyType
from typing import Any

from focusdesk.core.rule_tree import REPEATS

Requirement = tuple[str, str]  # (kind, folded text), kinds as listed above
# One string of a pattern's language offers several requirements, any of which is
# necessary (its words, its parts); the index picks one knowing all the rules.
Choice = tuple[Requirement, ...]
Requirements = frozenset[Choice]  # the pattern needs, for some choice, one requirement of it

MAX_STRINGS = 256  # a finite language larger than this is not worth expanding
MAX_STRING = 200
KIND_COST = {"exact": 0, "token": 1, "prefix": 2, "suffix": 2, "infix": 2, "substr": 3}
# What is known of a word-character run by whether it starts and ends a word of the field.
_WORD_KINDS = {
    (True, True): "token",
    (True, False): "prefix",
    (False, True): "suffix",
    (False, False): "infix",
}
# Markers inside finite languages: the field's start or end, and a word boundary.
EDGE, BOUND = "\x00", "\x01"
_PIECES = re.compile("[^\x00\x01]+")
EMPTY: frozenset[str] = frozenset({""})


def _fold_table() -> dict[int, str]:
    """Characters ``str.lower`` leaves different from their case-insensitive equals."""
    table = {0x130: "i"}  # İ lowers to two characters ("i" + a combining dot)
    for key, extras in _compiler._EXTRA_CASES.items():
        members = {key, *extras}
        natural = sorted(m for m in members if chr(m).upper().lower() == chr(m))
        canonical = natural[0] if natural else min(members)
        table.update({m: chr(canonical) for m in members if m != canonical})
    return table


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


FOLD_TABLE = MappingProxyType(_fold_table())
_NEEDS_TABLE = re.compile("[" + "".join(f"\\U{c:08x}" for c in FOLD_TABLE) + "]")
# Characters whose folded form is a word character when they are not (U+0345, a
# combining iota): in a folded field they would glue two words together, so a field
# holding one gets no help from the index (every rule on it is tried).
UNSPLITTABLE = frozenset(chr(c) for c, to in FOLD_TABLE.items() if _is_word(chr(c)) != _is_word(to))
HAS_UNSPLITTABLE = re.compile("[" + "".join(f"\\U{ord(c):08x}" for c in UNSPLITTABLE) + "]")
TOKEN = re.compile(r"\w+")
# The only non-ASCII characters that fold to ASCII (İ, ı, ſ and the Kelvin sign K; the
# tests check every character): a field without them has no ASCII word hidden in it.
FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def fold(text: str) -> str:
    """Case-fold ``text`` the way ``re.IGNORECASE`` compares characters."""
    if not text.isascii() and _NEEDS_TABLE.search(text):
        text = text.translate(FOLD_TABLE)
    return text.lower()


def requirements(tree: Any) -> Requirements | None:
    """A necessary condition for the parsed pattern to match, or None if none was found."""
    return _Reader().sequence(tree.data, int(tree.state.flags))[1]


def _best(options: Iterable[Requirements]) -> Requirements | None:
    """The cheapest, most selective of several conditions that must all hold."""

    def cost(reqs: Requirements) -> tuple[int, int, int]:
        firsts = [choice[0] for choice in reqs]
        worst = max(KIND_COST[kind] + (4 if len(text) < 3 else 0) for kind, text in firsts)
        return (worst, -min(len(text) for _, text in firsts), len(reqs))

    return min(options, key=cost, default=None)


class _Reader:
    r"""Reads finite languages and conditions off a parse tree.

    Languages are sets of folded strings in which ``EDGE`` stands for the
    start or end of the field and ``BOUND`` for a word boundary: both are
    kept as characters so that a group such as ``(^|\.)`` still tells the
    text after it that it starts a word.
    """

    def sequence(
        self, items: Sequence[tuple[Any, Any]], flags: int
    ) -> tuple[frozenset[str] | None, Requirements | None]:
        """(finite language or None, condition or None) of a sequence of items.

        Consecutive items with small finite languages form a block of literal
        text, which yields a condition; so may items that are not finite
        themselves (a group, a repeated group). All must hold, so the
        cheapest to check is kept.
        """
        options: list[Requirements] = []
        block: frozenset[str] | None = None
        whole: frozenset[str] | None = EMPTY
        for op, av in items:
            lang, reqs = self.item(op, av, flags)
            if reqs is not None:
                options.append(reqs)
            whole = _join(whole, lang)
            joined = _join(block if block is not None else EMPTY, lang)
            if joined is None:
                options += _block_requirements(block)
                block = lang
            else:
                block = joined
        options += _block_requirements(block)
        return whole, _best(options)

    def item(
        self, op: Any, av: Any, flags: int
    ) -> tuple[frozenset[str] | None, Requirements | None]:
        if op is C.LITERAL:
            return _chars([av]), None
        if op is C.IN:
            return _class_chars(av), None
        if op is C.AT:
            return frozenset({_at_marker(av, flags)}), None
        if op is C.SUBPATTERN:
            _group, add, remove, body = av
            return self.sequence(body.data, (flags | add) & ~remove)
        if op is C.ATOMIC_GROUP:
            return self.sequence(av.data, flags)
        if op is C.BRANCH:
            return self._branch(av[1], flags)
        if op in REPEATS:
            low, high, body = av
            lang, reqs = self.sequence(body.data, flags)
            return _repeat(lang, low, high), reqs if low > 0 else None
        return None, None  # ANY, NOT_LITERAL, lookarounds, back-references: no literal text

    def _branch(
        self, alternatives: Sequence[Any], flags: int
    ) -> tuple[frozenset[str] | None, Requirements | None]:
        langs: list[frozenset[str] | None] = []
        reqs: set[Choice] = set()
        complete = True
        for alternative in alternatives:
            lang, alt_reqs = self.sequence(alternative.data, flags)
            langs.append(lang)
            if alt_reqs is None:
                complete = False
            else:
                reqs |= alt_reqs
        union: frozenset[str] | None = None
        if all(lang is not None for lang in langs):
            union = frozenset().union(*langs)  # type: ignore[arg-type]
            if len(union) > MAX_STRINGS:
                union = None
        return union, frozenset(reqs) if complete and reqs else None


def _at_marker(at: Any, flags: int) -> str:
    """What an anchor says about its neighbours: the field's edge, a word boundary, or nothing."""
    if at in (C.AT_BEGINNING_STRING, C.AT_END_STRING):
        return EDGE
    if at in (C.AT_BEGINNING, C.AT_END):
        return BOUND if flags & re.MULTILINE else EDGE  # a line's edge is at least a boundary
    if at is C.AT_BOUNDARY and not flags & re.ASCII:  # an ASCII \b disagrees with the tokenizer
        return BOUND
    return ""


def _block_requirements(lang: frozenset[str] | None) -> list[Requirements]:
    """The condition a block of literal text (one of ``lang``) puts on the field, if any."""
    if not lang:
        return []
    choices = set()
    for text in lang:
        choice = _requirement(text)
        if choice is None:
            return []
        choices.add(choice)
    return [frozenset(choices)]


def _requirement(text: str) -> Choice | None:
    """What one string of a block (markers included) lets the index look for, best first."""
    if len(text) > 1 and text[0] == EDGE and text[-1] == EDGE:
        exact = text.replace(EDGE, "").replace(BOUND, "")
        return (("exact", exact),) if exact else None
    words: set[Requirement] = set()
    pieces: list[str] = []
    for found in _PIECES.finditer(text):
        piece = found.group()
        pieces.append(piece)
        bounded_left = found.start() > 0  # what precedes a piece can only be a marker
        bounded_right = found.end() < len(text)
        for run in TOKEN.finditer(piece):
            starts = run.start() > 0 or bounded_left  # the run starts a word of the field
            ends = run.end() < len(piece) or bounded_right
            words.add((_WORD_KINDS[starts, ends], run.group()))
    if words:
        return tuple(sorted(words, key=lambda req: (KIND_COST[req[0]], -len(req[1]), req[1])))
    if pieces:
        return (("substr", max(pieces, key=len)),)
    return None


def _chars(codes: Iterable[int]) -> frozenset[str] | None:
    chars = frozenset(fold(chr(code)) for code in codes)
    return None if EDGE in chars or BOUND in chars else chars  # would read as markers


def _class_chars(items: Sequence[tuple[Any, Any]]) -> frozenset[str] | None:
    codes: list[int] = []
    for op, av in items:
        if op is C.LITERAL:
            codes.append(av)
        elif op is C.RANGE and av[1] - av[0] < 16:
            codes.extend(range(av[0], av[1] + 1))
        else:
            return None  # a negation, a category or a wide range: too many characters
    return _chars(codes)


def _join(left: frozenset[str] | None, right: frozenset[str] | None) -> frozenset[str] | None:
    """Every concatenation of a string of ``left`` and one of ``right``, if few enough."""
    if left is None or right is None or len(left) * len(right) > MAX_STRINGS:
        return None
    joined = frozenset(a + b for a, b in product(left, right))
    return joined if all(len(s) <= MAX_STRING for s in joined) else None


def _repeat(lang: frozenset[str] | None, low: int, high: int) -> frozenset[str] | None:
    if lang is None or high > 4:
        return None
    out: set[str] = set()
    power: frozenset[str] | None = EMPTY
    for count in range(high + 1):
        if power is None:
            return None
        if count >= low:
            out |= power
        power = _join(power, lang)
    return frozenset(out) if len(out) <= MAX_STRINGS else None
