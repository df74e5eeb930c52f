"""Find the matches of a word-list pattern without running it at every character.

Lexicon patterns only match where a word starts, and only a few words can start a match of
each list ("requests", "calls", "shall" ...). :func:`first_words` reads a compiled pattern and
lists those first words; :func:`find` then tries the pattern only where one of them occurs in
the clause and returns exactly what ``pattern.finditer`` would. A pattern whose first words
cannot be listed (it opens with ``\\w+`` or ``.``) is simply run over the whole text.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

try:  # the standard library's own regular-expression parser
    _PARSER: Any = importlib.import_module("re._parser")
    _C: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - then every pattern is run over the whole text
    _PARSER = None
    _C = None

# A word is a run of [a-z0-9], or one currency sign; the gate of lexicon patterns
# ((?<![a-z0-9]) before [a-z0-9$€£]) lets a match start only where such a word starts.
TOKEN = re.compile(r"[a-z0-9]+|[$€£]")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_CURRENCY = frozenset("$€£")
_DIGITS = frozenset("0123456789")
_ANY_NUMBER = "#"  # stands for every word that starts with a digit
_LIMIT = 5000  # more first words than this: not worth listing
# Patterns must open with one of these, so that a match can only start where a word starts.
_GATES = (r"(?<![a-z0-9])(?=[a-z0-9$€£])", r"(?<![\w-])(?=[a-z])")


_ASCII_DIGIT = re.compile(r"[0-9]")
_OTHER_DIGIT = re.compile(r"[^\x00-\x7f](?<=\d)")  # a digit of another script


def has_digit(text: str) -> bool:
    """Whether ``\\d`` matches somewhere in the text: ASCII digits first, other scripts after."""
    if _ASCII_DIGIT.search(text) is not None:
        return True
    return not text.isascii() and _OTHER_DIGIT.search(text) is not None


class _Unlisted(Exception):
    """The pattern's first words cannot be listed."""


@dataclass(frozen=True)
class FirstWords:
    """The words a match can start with: whole words, and beginnings of longer words."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]
    digits: bool = False  # any word that starts with a digit
    heads: frozenset[str] = frozenset()  # the first two letters of the prefixes


class Words:
    """A lower-cased text, the set of its words, and where the words looked up so far start."""

    __slots__ = ("_digit", "_numbers", "present", "starts", "text")

    def __init__(self, text: str, present: frozenset[str]) -> None:
        self.text = text
        self.present = present
        self.starts: dict[str, list[int]] = {}
        self._numbers: list[str] | None = None
        self._digit: bool | None = None

    def has_digit(self) -> bool:
        """Whether the text holds a digit (``\\d``)."""
        if self._digit is None:
            self._digit = has_digit(self.text)
        return self._digit

    def numbers(self) -> list[str]:
        """The words that start with a digit."""
        if self._numbers is None:
            self._numbers = [word for word in self.present if word[0] in _DIGITS]
        return self._numbers


def words(low: str) -> Words:
    """The words of a lower-cased text."""
    return Words(low, frozenset(TOKEN.findall(low)))


def _starts(index: Words, word: str) -> list[int]:
    """Offsets where ``word`` occurs in the text as a whole word."""
    known = index.starts.get(word)
    if known is not None:
        return known
    low = index.text
    size = len(word)
    if size <= _SHORT and word not in _CURRENCY:
        # A short word occurs inside many longer ones ("a", "in", "the"): let the regular
        # expression engine skip those instead of checking each occurrence here.
        found = [match.start() for match in _short_word(word).finditer(low)]
        index.starts[word] = found
        return found
    found = index.starts.setdefault(word, [])
    whole = word not in _CURRENCY
    pos = low.find(word)
    while pos >= 0:
        if not whole or (
            (pos == 0 or low[pos - 1] not in _ALNUM)
            and (pos + size == len(low) or low[pos + size] not in _ALNUM)
        ):
            found.append(pos)
        pos = low.find(word, pos + size)
    return found


_SHORT = 3


@lru_cache(maxsize=4096)
def _short_word(word: str) -> re.Pattern[str]:
    """A pattern for ``word`` as a whole word (no letter or digit on either side)."""
    literal = re.escape(word)
    # The word comes first so that the engine searches for it as a literal.
    return re.compile(f"{literal}(?<![a-z0-9]{literal})(?![a-z0-9])")


def find(
    pattern: re.Pattern[str],
    first: FirstWords | None,
    low: str,
    index: Words,
    at: re.Pattern[str] | None = None,
) -> list[Any]:
    """The matches ``pattern.finditer(low)`` gives, trying the pattern only where it can start.

    ``at``, when given, is a pattern that matches exactly what ``pattern`` matches at a word
    start but is quicker to try there (``pattern`` without its look-ahead prefilter).
    """
    if first is None:
        return list(pattern.finditer(low))
    present = index.present
    candidates = first.exact & present
    if first.prefixes:
        heads, prefixes = first.heads, first.prefixes
        beginning = [w for w in present if w[:2] in heads and w.startswith(prefixes)]
        if beginning:
            candidates = candidates.union(beginning)
    if first.digits:
        numbers = index.numbers()
        if numbers:
            candidates = candidates.union(numbers)
    if not candidates:
        return []
    positions: list[int] = []
    starts = index.starts
    for word in candidates:
        known = starts.get(word)
        positions += known if known is not None else _starts(index, word)
    return find_at(at or pattern, positions, low, pattern)


def find_at(
    pattern: re.Pattern[str],
    positions: list[int],
    text: str,
    full: re.Pattern[str] | None = None,
) -> list[Any]:
    """``pattern.finditer(text)`` when a match can only start at one of ``positions``.

    ``full`` is the pattern to search the whole text with if a match is empty (finditer then
    behaves differently); ``pattern`` itself when not given.
    """
    positions.sort()
    matches = []
    end = -1
    match_at = pattern.match
    for pos in positions:
        if pos < end:
            continue
        match = match_at(text, pos)
        if match is not None:
            end = match.end()
            if end == pos:  # an empty match: finditer would behave differently
                return list((full or pattern).finditer(text))
            matches.append(match)
    return matches


def first_words(pattern: re.Pattern[str]) -> FirstWords | None:
    """The words a match of a lower-case, word-gated pattern can start with, or None."""
    if _PARSER is None or pattern.flags & re.IGNORECASE or not pattern.pattern.startswith(_GATES):
        return None
    try:
        tree = _PARSER.parse(pattern.pattern, pattern.flags)
        partials = _walk(list(tree.data), {("", _OPEN)})
    except (_Unlisted, RecursionError, re.error):
        return None
    exact = frozenset(run for run, state in partials if state == _ENDED and run != _ANY_NUMBER)
    prefixes = tuple(sorted({run for run, state in partials if state != _ENDED}))
    if "" in exact or any(len(prefix) < 2 for prefix in prefixes):
        return None  # nearly every word could start a match: scanning is as fast
    digits = (_ANY_NUMBER, _ENDED) in partials
    return FirstWords(exact, prefixes, digits, frozenset(prefix[:2] for prefix in prefixes))


# The first word of a partial match: still open, ended, or known only by its beginning.
_OPEN, _ENDED, _PREFIX = 0, 1, 2
Partials = set[tuple[str, int]]


def _all_closed(partials: Partials) -> bool:
    return all(state != _OPEN for _, state in partials)


def _walk(items: list[tuple[Any, Any]], partials: Partials) -> Partials:
    for op, av in items:
        if _all_closed(partials):
            break
        partials = _step(op, av, partials)
        if len(partials) > _LIMIT:
            raise _Unlisted
    return partials


def _add_char(char: str, partials: Partials) -> Partials:
    out: Partials = set()
    for run, state in partials:
        if state != _OPEN:
            out.add((run, state))
        elif char in _ALNUM:
            out.add((run + char, _OPEN))
        elif run:
            out.add((run, _ENDED))
        elif char in _CURRENCY:
            out.add((char, _ENDED))
        else:
            raise _Unlisted  # a match would start with punctuation or a space
    return out


def _charset(items: list[tuple[Any, Any]]) -> set[str]:
    chars: set[str] = set()
    for op, av in items:
        if op is _C.LITERAL:
            chars.add(chr(av))
        elif op is _C.RANGE and av[1] - av[0] < 64:
            chars.update(chr(code) for code in range(av[0], av[1] + 1))
        elif op is _C.CATEGORY and av is _C.CATEGORY_SPACE:
            chars.add(" ")
        elif op is _C.CATEGORY and av is _C.CATEGORY_DIGIT:
            chars.update("0123456789")
        else:
            raise _Unlisted
    return chars


def _ends_word(partials: Partials) -> Partials:
    return {(run, _ENDED if state == _OPEN and run else state) for run, state in partials}


def _repeat(low: int, high: Any, items: list[tuple[Any, Any]], partials: Partials) -> Partials:
    current = partials
    for _ in range(low):
        current = _walk(items, current)
    out = set(current)
    try:
        extra = 12 if high is _C.MAXREPEAT else high - low
        following = current
        for _ in range(extra):
            if _all_closed(following):
                return out
            following = _walk(items, following)
            out |= following
        if high is not _C.MAXREPEAT or _all_closed(following):
            return out
    except _Unlisted:
        pass
    # Too many ways to go on: keep what is known, the open words as beginnings of words.
    return {(run, _PREFIX if state == _OPEN else state) for run, state in current}


def _step(op: Any, av: Any, partials: Partials) -> Partials:
    if op is _C.LITERAL:
        return _add_char(chr(av), partials)
    if op is _C.IN:
        chars = _charset(av)
        out: Partials = set()
        if _DIGITS <= chars and ("", _OPEN) in partials:
            # A number opens the match: any word starting with a digit may do.
            out.add((_ANY_NUMBER, _ENDED))
            partials = partials - {("", _OPEN)}
        for char in chars:
            out |= _add_char(char, partials)
        return out
    if op is _C.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & re.IGNORECASE:
            raise _Unlisted
        return _walk(list(sub.data), partials)
    if op is _C.BRANCH:
        out = set()
        for sub in av[1]:
            out |= _walk(list(sub.data), partials)
        return out
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", _C.MAX_REPEAT)):
        low, high, sub = av
        return _repeat(low, high, list(sub.data), partials)
    if op is _C.AT:
        # \b after a letter, or the end of the text, ends the first word.
        if av in (_C.AT_BOUNDARY, _C.AT_END, _C.AT_END_STRING):
            return _ends_word(partials)
        return partials
    if op is _C.ASSERT_NOT:
        direction, sub = av
        data = list(sub.data)
        if direction == 1 and len(data) == 1 and data[0][0] is _C.IN:
            items = data[0][1]
            if (_C.CATEGORY, _C.CATEGORY_WORD) in items:
                return _ends_word(partials)
            try:
                if _ALNUM <= _charset(items):
                    return _ends_word(partials)
            except _Unlisted:
                pass
        return partials
    if op is _C.ASSERT:
        return partials  # a lookahead only narrows the matches; ignoring it lists a superset
    raise _Unlisted
