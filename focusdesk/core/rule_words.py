"""The words of a field and the rules they make candidates (see ``rule_index``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Generic, TypeVar

MAX_CACHED_WORDS = 20_000
W = TypeVar("W", str, bytes)
Tables = tuple[
    "set[W] | None", Callable[[list[W], set[int]], None], "set[W]", "dict[W, tuple[int, ...]]"
]


class Words(Generic[W]):
    """Which rules the words of a field make candidates.

    Whole words are found with one set intersection (in C) against the few
    words that make any rule a candidate. Parts of words (``canva`` inside
    "canvas") depend on the word, so each distinct word is examined once,
    when first seen: a new word is tested against all parts at once (one
    regex) and only one holding some part is compared part by part. At most
    ``MAX_CACHED_WORDS`` words are remembered: a small table is also a fast one.
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

    def tables(self) -> Tables[W]:
        """(words seen, or None when there are no parts to learn; learn; hit words; hits)."""
        return (self._seen if self._parts else None, self.learn, self._hit_words, self._hits)

    def add_candidates(self, words: list[W], found: set[int]) -> None:
        if self._parts and not self._seen.issuperset(words):
            self.learn(words, found)
        if not self._hit_words.isdisjoint(words):  # most windows: no word of any rule
            hits = self._hits
            for word in self._hit_words.intersection(words):
                found.update(hits.get(word, ()))

    def learn(self, words: list[W], found: set[int]) -> None:
        """Work out the words not seen before; remember them while there is room.

        The tables only ever grow, so a classifier shared between threads
        never sees a half-forgotten table; a word that finds no room has its
        rules added to ``found`` directly (and is worked out again next time).
        """
        gate = self._gate
        room = len(self._seen) < MAX_CACHED_WORDS
        for word in set(words).difference(self._seen):
            if room:
                self._seen.add(word)
            if gate is None or gate.search(word) is None:
                continue
            hits = list(self._tokens.get(word, ()))
            for kind, text, positions in self._parts:
                if (
                    word.startswith(text)
                    if kind == "prefix"
                    else word.endswith(text)
                    if kind == "suffix"
                    else text in word
                ):
                    hits += positions
            if hits and room:
                self._hits[word] = tuple(hits)
                self._hit_words.add(word)
            elif hits:
                found.update(hits)


def _alternation(texts: list[W]) -> W:
    bar = b"|" if isinstance(texts[0], bytes) else "|"
    return bar.join(texts)  # type: ignore[arg-type, return-value]
