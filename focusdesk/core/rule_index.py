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

from focusdesk.core.enums import RuleField
from focusdesk.core.rule_prefilter import (
    FOLDS_TO_ASCII,
    HAS_UNSPLITTABLE,
    KIND_COST,
    TOKEN,
    Choice,
    Requirement,
    Requirements,
    fold,
)
from focusdesk.core.rule_words import Tables, Words

FIELDS = (RuleField.APP, RuleField.TITLE, RuleField.URL)  # WindowKey's order
FEW_PARTS = 4
# Lower-case ASCII word bytes; everything else (punctuation, and no non-ASCII byte ever) a space.
ASCII_WORDS = bytes(
    ord(chr(b).lower()) if b < 128 and (chr(b).isalnum() or chr(b) == "_") else 32
    for b in range(256)
)
# The same without digits, for fields whose rules need no digit: numbers then cost nothing.
ASCII_LETTERS = bytes(32 if chr(b).isdigit() else b for b in ASCII_WORDS)
LETTER_RUNS = re.compile(r"[^\W\d]+")


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
            words = Words(self.tokens, self.parts)
            # An ASCII field can only contain ASCII words: the rest cannot match it.
            ascii_words = Words(
                {t.encode(): p for t, p in self.tokens.items() if t.isascii()},
                [(k, t.encode(), p) for k, t, p in self.parts if t.isascii()],
            )
        ascii_only = all(t.isascii() for t in needed) and all(
            t.isascii() for t, _positions in self.other_parts
        )
        return (
            self.slot,
            self.exact or None,
            frozenset(len(key) for key in self.exact),
            ascii_only,
            words,
            ascii_words.tables() if ascii_words is not None else None,
            table,
            splitter,
            tuple(self.other_parts),
            tuple(self.all),
        )


_Plan = tuple[
    int,
    "dict[str, list[int]] | None",
    frozenset[int],
    bool,
    "Words[str] | None",
    "Tables[bytes] | None",
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
        guards: list[str | None] = []
        for position, (field, _regex, reqs) in enumerate(entries):
            if reqs is None:
                always.append(position)
                guards.append(None)
            else:
                picked = {_pick(choice, lambda req, f=field: shared[f, req]) for choice in reqs}
                per_field[FIELDS.index(field)].add(position, picked)
                guards.append(_guard(reqs, picked))
        self.always: frozenset[int] = frozenset(always)
        self._plans = tuple(plan for plan in (i.plan() for i in per_field) if plan is not None)
        self._searches = tuple(
            (FIELDS.index(field), regex.search, guard)
            for (field, regex, _reqs), guard in zip(entries, guards, strict=True)
        )

    def first_match(self, values: tuple[str, str, str]) -> int | None:
        """The position of the first entry whose pattern matches its field of ``values``.

        A candidate with a guard (a second text its pattern needs) is only
        searched when the folded field contains the guard: ``in`` is a few
        times cheaper than the regex, and rules filed under a common word
        ("facebook") mostly fail on the second one ("watch").
        """
        candidates = self.candidates(values)
        if candidates:
            searches = self._searches
            folded: dict[int, str] = {}
            for position in sorted(candidates):
                slot, search, guard = searches[position]
                value = values[slot]
                if guard is not None:
                    text = folded.get(slot)
                    if text is None:
                        text = folded[slot] = value.lower() if value.isascii() else fold(value)
                    if guard not in text:
                        continue
                if search(value) is not None:
                    return position
        return None

    def candidates(self, values: tuple[str, str, str]) -> set[int]:
        """Positions of the entries that may match; every other entry certainly does not.

        A field is split as bytes when that finds every word a rule needs:
        when it is ASCII, or when the rules need only ASCII and the field
        holds none of the few characters that fold to ASCII (non-ASCII bytes
        then split words, which can only add candidates, never lose one).
        """
        found = set(self.always) if self.always else set()
        for (
            slot,
            exact,
            sizes,
            ascii_only,
            words,
            tables,
            table,
            split,
            others,
            every,
        ) in self._plans:
            text = values[slot]
            if not text:
                continue
            plain = text.isascii()
            if tables is not None and (
                plain or (ascii_only and FOLDS_TO_ASCII.search(text) is None)
            ):  # Words.add_candidates, inlined: the hottest path
                seen, learn, hit_words, hits = tables
                split_words = text.encode().translate(table).split()
                if seen is not None and not seen.issuperset(split_words):
                    learn(split_words, found)
                if not hit_words.isdisjoint(split_words):
                    for word in hit_words.intersection(split_words):
                        found.update(hits.get(word, ()))
            elif words is not None:
                if HAS_UNSPLITTABLE.search(text) is not None:
                    found.update(every)
                    continue
                words.add_candidates(split.findall(fold(text)), found)
            if not others and len(text) not in sizes:
                continue  # no whole-field text of this length, nothing else to test
            folded = text.lower() if plain else fold(text)
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


def _guard(reqs: Requirements, picked: set[Requirement]) -> str | None:
    """A text every string of the pattern contains besides the one it is filed under, if any."""
    common = set.intersection(*(set(choice) for choice in reqs)) - picked
    texts = [t for _kind, t in common if len(t) >= 3 and t not in UBIQUITOUS]
    return max(texts, key=len, default=None)


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
