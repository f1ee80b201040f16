"""Finding, for one window, the few rules that could match it.

Each rule is filed under the literal text it needs (see ``rule_prefilter``):
a whole field (a dictionary lookup), a word of the field, a part of a word,
or, rarely, a text without any word character (tested with ``in``). Rules
without a usable literal are candidates for every window. The candidates
are then checked with their real regex in rule order, so the first rule
that matches still wins exactly as in a plain loop over all rules: the
index only skips rules that cannot match.

A window's fields are split into words once. Whole words are found with
one set intersection; parts of words are worked out once per distinct word
(words repeat across titles far more than titles do). Splitting is the hot
spot: most fields are ASCII, and for those one ``bytes.translate``
(lower-casing and turning every non-word byte into a space) plus ``split``
is four times faster than ``re.findall``, which the other fields go
through after ``fold``. Both give exactly the ``\\w+`` runs of the folded
text (or its runs of letters, when no rule needs a digit).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

from focusdesk.core.enums import RuleField
from focusdesk.core.rule_prefilter import (
    HAS_UNSPLITTABLE,
    KIND_COST,
    TOKEN,
    Choice,
    Requirement,
    Requirements,
    fold,
)

FIELDS = (RuleField.APP, RuleField.TITLE, RuleField.URL)  # WindowKey's order
MAX_CACHED_WORDS = 20_000
FEW_PARTS = 4
# Lower-case ASCII word bytes; everything else (punctuation, and no non-ASCII byte ever) a space.
ASCII_WORDS = bytes(
    ord(chr(b).lower()) if b < 128 and (chr(b).isalnum() or chr(b) == "_") else 32
    for b in range(256)
)
# The same without digits, for fields whose rules need no digit: numbers then cost nothing.
ASCII_LETTERS = bytes(32 if chr(b).isdigit() else b for b in ASCII_WORDS)
LETTER_RUNS = re.compile(r"[^\W\d]+")

W = TypeVar("W", str, bytes)


class _Words(Generic[W]):
    """Which rules the words of a field make candidates.

    Whole words are found with one set intersection (in C) against the few
    words that make any rule a candidate. Parts of words (``canva`` inside
    "canvas") depend on the word, so each distinct word is examined once,
    when first seen: a new word is tested against all parts at once (one
    regex) and only one holding some part is compared part by part. The
    words seen are bounded by ``MAX_CACHED_WORDS`` (then forgotten, and
    learnt again): a small table is also a fast one.
    """

    def __init__(self, tokens: dict[W, list[int]], parts: list[tuple[str, W, list[int]]]) -> None:
        self._tokens = {word: tuple(positions) for word, positions in tokens.items()}
        self._parts = parts
        self._gate: re.Pattern[W] | None = None
        if parts:
            texts = sorted({re.escape(text) for _kind, text, _positions in parts}, key=len)
            self._gate = re.compile(_alternation(texts))
        self._hits: dict[W, tuple[int, ...]] = dict(self._tokens)
        self._hit_words: set[W] = set(self._hits)
        self._seen: set[W] = set()

    def add_candidates(self, words: list[W], found: set[int]) -> None:
        if self._parts and not self._seen.issuperset(words):
            self._learn(words)
        hits = self._hits
        for word in self._hit_words.intersection(words):
            found.update(hits[word])

    def _learn(self, words: list[W]) -> None:
        if len(self._seen) >= MAX_CACHED_WORDS:
            self._hits = dict(self._tokens)
            self._hit_words = set(self._hits)
            self._seen = set()
        gate = self._gate
        for word in set(words).difference(self._seen):
            self._seen.add(word)
            if gate is None or gate.search(word) is None:
                continue
            found = list(self._tokens.get(word, ()))
            for kind, text, positions in self._parts:
                if (
                    word.startswith(text)
                    if kind == "prefix"
                    else word.endswith(text)
                    if kind == "suffix"
                    else text in word
                ):
                    found += positions
            if found:
                self._hits[word] = tuple(found)
                self._hit_words.add(word)


def _alternation(texts: list[W]) -> W:
    bar = b"|" if isinstance(texts[0], bytes) else "|"
    return bar.join(texts)  # type: ignore[arg-type, return-value]


class _FieldIndex:
    """The rules of one field, filed by the literal text they need."""

    def __init__(self, slot: int) -> None:
        self.slot = slot
        self.exact: dict[str, list[int]] = {}
        self.tokens: dict[str, list[int]] = {}
        self.parts: list[tuple[str, str, list[int]]] = []
        self.other_parts: list[tuple[str, list[int]]] = []
        self.all: list[int] = []

    def add(self, position: int, reqs: Iterable[Requirement]) -> None:
        self.all.append(position)
        for kind, text in reqs:
            if kind == "exact":
                for key in (text, text + "\n"):  # '$' also matches before a final newline
                    self.exact.setdefault(key, []).append(position)
            elif kind == "token":
                self.tokens.setdefault(text, []).append(position)
            elif kind == "substr":
                self.other_parts.append((text, [position]))
            else:
                self.parts.append((kind, text, [position]))

    def plan(self) -> _Plan | None:
        """The tables the hot loop reads, or None when no rule looks at this field.

        When no word a rule needs has a digit, fields are split at digits
        too: a needed word (or part) without digits survives that whole,
        and the numbers that make most titles unique are never looked up.
        """
        if not self.all:
            return None
        if len({text for _kind, text, _positions in self.parts}) <= FEW_PARTS:
            # A few parts are cheaper to find with ``in`` on the field than word by word.
            self.other_parts += [(text, positions) for _kind, text, positions in self.parts]
            self.parts = []
        words = ascii_words = None
        table, splitter = ASCII_WORDS, TOKEN
        needed = [*self.tokens, *(text for _kind, text, _positions in self.parts)]
        if not any(ch.isdecimal() for text in needed for ch in text):
            table, splitter = ASCII_LETTERS, LETTER_RUNS
        if self.tokens or self.parts:
            words = _Words(self.tokens, self.parts)
            # An ASCII field can only contain ASCII words: the rest cannot match it.
            ascii_words = _Words(
                {t.encode(): p for t, p in self.tokens.items() if t.isascii()},
                [(k, t.encode(), p) for k, t, p in self.parts if t.isascii()],
            )
        return (
            self.slot,
            self.exact or None,
            frozenset(len(key) for key in self.exact),
            words,
            ascii_words,
            table,
            splitter,
            tuple(self.other_parts),
            tuple(self.all),
        )


_Plan = tuple[
    int,
    "dict[str, list[int]] | None",
    frozenset[int],
    "_Words[str] | None",
    "_Words[bytes] | None",
    bytes,
    "re.Pattern[str]",
    "tuple[tuple[str, list[int]], ...]",
    "tuple[int, ...]",
]


class RuleIndex:
    """The first matching pattern for a window, in order, checking only those that could match."""

    def __init__(
        self, entries: Sequence[tuple[RuleField, re.Pattern[str], Requirements | None]]
    ) -> None:
        per_field = [_FieldIndex(slot) for slot in range(len(FIELDS))]
        always: list[int] = []
        shared = Counter(
            (field, req)
            for field, _regex, reqs in entries
            for req in {req for choice in reqs or () for req in choice}
        )
        for position, (field, _regex, reqs) in enumerate(entries):
            if reqs is None:
                always.append(position)
            else:
                picked = {_pick(choice, lambda req, f=field: shared[f, req]) for choice in reqs}
                per_field[FIELDS.index(field)].add(position, picked)
        self.always: frozenset[int] = frozenset(always)
        self._plans = tuple(plan for plan in (i.plan() for i in per_field) if plan is not None)
        self._searches = tuple((FIELDS.index(field), regex.search) for field, regex, _ in entries)

    def first_match(self, values: tuple[str, str, str]) -> int | None:
        """The position of the first entry whose pattern matches its field of ``values``."""
        candidates = self.candidates(values)
        if candidates:
            searches = self._searches
            for position in sorted(candidates):
                slot, search = searches[position]
                if search(values[slot]) is not None:
                    return position
        return None

    def candidates(self, values: tuple[str, str, str]) -> set[int]:
        """Positions of the entries that may match; every other entry certainly does not."""
        found = set(self.always) if self.always else set()
        for slot, exact, sizes, words, ascii_words, table, split, others, every in self._plans:
            text = values[slot]
            if not text:
                continue
            if text.isascii():
                if ascii_words is not None:
                    ascii_words.add_candidates(text.encode().translate(table).split(), found)
                if not others and len(text) not in sizes:
                    continue  # no whole-field text of this length, nothing else to test
                folded = text.lower()
            else:
                if HAS_UNSPLITTABLE.search(text) is not None:
                    found.update(every)
                    continue
                folded = fold(text)
                if words is not None:
                    words.add_candidates(split.findall(folded), found)
            if exact is not None:
                hit = exact.get(folded)
                if hit is not None:
                    found.update(hit)
            for part, positions in others:
                if part in folded:
                    found.update(positions)
        return found


# Words in nearly every address or title: a rule filed under one would be tried on every window.
UBIQUITOUS = frozenset({"http", "https", "www", "com", "org", "net", "de", "html", "php"})


def _pick(choice: Choice, shared: Callable[[Requirement], int]) -> Requirement:
    """Of interchangeable requirements, the one that makes a rule a candidate least often.

    Without knowing the windows, the best guides are: not a word every
    address has; a text few other rules are filed under (rules filed under
    the same word are all tried together); a whole word rather than a part;
    then the longer text.
    """
    return min(
        choice,
        key=lambda req: (req[1] in UBIQUITOUS, shared(req), KIND_COST[req[0]], -len(req[1])),
    )
