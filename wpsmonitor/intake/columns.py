"""Recognise the role of a results-matrix column from its header, using ``column_roles.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from wpsmonitor.intake.text import fold

VOCABULARY_FILE = Path(__file__).with_name("column_roles.json")

ROLES = (
    "pillar",
    "objective",
    "outcome",
    "action",
    "indicator",
    "baseline",
    "target",
    "responsible",
    "partners",
    "timeline",
    "budget",
    "budget_source",
    "reference",
    "notes",
)

# Phrases shorter than this only count when they are the whole header ("No", "N°", "Br").
_MIN_PARTIAL = 3
# A header word that starts with a known word of at least this length counts as an inflection
# ("objektivat" for "objektiv", "indikatora" for "indikator").
_MIN_STEM = 5


@dataclass(frozen=True)
class Phrase:
    role: str
    language: str
    text: str
    folded: str


@dataclass(frozen=True)
class Vocabulary:
    phrases: tuple[Phrase, ...]
    sections: tuple[Phrase, ...]
    organisation_words: frozenset[str]


@cache
def vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    """The header, section and organisation words, folded for matching (read once)."""
    data = json.loads(path.read_text(encoding="utf-8"))

    def phrases(table: dict[str, dict[str, list[str]]]) -> tuple[Phrase, ...]:
        out = []
        for role, languages in table.items():
            for language, words in languages.items():
                for word in words:
                    folded = fold(word)
                    if folded:
                        out.append(Phrase(role, language, word, folded))
        return tuple(out)

    unknown = set(data["roles"]) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown column roles in {path.name}: {sorted(unknown)}")
    org_words = frozenset(fold(w) for words in data["organisation_words"].values() for w in words)
    return Vocabulary(phrases(data["roles"]), phrases(data["section_words"]), org_words)


@dataclass(frozen=True)
class RoleGuess:
    role: str
    confidence: float
    phrase: Phrase


def _score(header: str, phrase: Phrase) -> float:
    """How well one folded header matches one folded phrase, from 0 to 1."""
    if header == phrase.folded:
        return 1.0
    if len(phrase.folded) < _MIN_PARTIAL:
        return 0.0
    words = header.split()
    target = phrase.folded.split()
    n = len(target)
    # A longer phrase inside the header is a better sign than a short one.
    share = min(1.0, len(phrase.folded) / max(len(header), 1))
    for i in range(len(words) - n + 1):
        if words[i : i + n] == target:
            return 0.6 + 0.35 * share if i == 0 else 0.55 + 0.3 * share
    if n == 1 and len(target[0]) >= _MIN_STEM:
        for i, word in enumerate(words):
            if word.startswith(target[0]) or (
                len(word) >= _MIN_STEM and target[0].startswith(word)
            ):
                return (0.5 if i == 0 else 0.45) + 0.2 * share
    return 0.0


def guess_role(header: str) -> RoleGuess | None:
    """The most likely role of a column header, or None when no known word is in it."""
    # Cells longer than a header are never one; skipping them keeps data rows cheap to test.
    return _guess(fold(header)) if len(header) <= 120 else None


@lru_cache(maxsize=8192)
def _guess(folded: str) -> RoleGuess | None:
    if not folded:
        return None
    best: RoleGuess | None = None
    for phrase in vocabulary().phrases:
        score = _score(folded, phrase)
        if score and (
            best is None
            or score > best.confidence
            or (score == best.confidence and len(phrase.folded) > len(best.phrase.folded))
        ):
            best = RoleGuess(phrase.role, round(score, 2), phrase)
    return best


def section_role(text: str) -> str | None:
    """ "pillar", "objective" or "outcome" when a full-width row starts with such a word."""
    folded = fold(text)
    best: tuple[int, str] | None = None
    for phrase in vocabulary().sections:
        if folded == phrase.folded or folded.startswith(phrase.folded + " "):
            if best is None or len(phrase.folded) > best[0]:
                best = (len(phrase.folded), phrase.role)
    return best[1] if best else None


def looks_like_header(cells: tuple[str, ...]) -> bool:
    """True when most non-empty cells of a row are known column headers."""
    filled = [c for c in cells if c.strip()]
    distinct = list(dict.fromkeys(filled))
    if len(distinct) < 2:
        return False
    known = sum(
        1 for c in distinct if len(c) <= 80 and (g := guess_role(c)) and g.confidence >= 0.5
    )
    return known >= 2 and known * 2 >= len(distinct)
