"""Accountability elements of one clause: actor, deadline, target, budget and indicator."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import ELEMENTS, Lexicon, load_lexicon, lower_text
from .model import Span
from .noise import clean
from .scan import Words, words

_BLOCKING_PREPOSITIONS = frozenset(
    {"with", "to", "from", "between", "into", "against", "on", "among"}
)
_BY = re.compile(r"\bby\s+(?:all\s+|any\s+|each\s+|the\s+)?\Z", re.IGNORECASE)
_PAST_YEAR = re.compile(
    r"\b\w+ed\s+in\s+(?:19|20)\d{2}\b|\b(?:since|from|in)\s+(?:19|20)\d{2}\s*,?\s*(?:the|when|we|it)\b",
    re.IGNORECASE,
)
_MODAL_AFTER = re.compile(r"[\s,]*(?:shall|will|must|should|may)\b|\s+\w+\s+(?:shall|will|must)\b")
_BARE_YEAR = re.compile(r"in\s+(?:19|20)\d{2}", re.IGNORECASE)
_TARGET_VERBS = re.compile(
    r"\b(?:increase|raise|reduce|decrease|reach|double|triple|halve|at least|a minimum of|"
    r"target|quota)",
    re.IGNORECASE,
)


@dataclass(frozen=True, init=False)
class ElementResult:
    spans: dict[str, Span | None]
    vague_actor: Span | None

    def __init__(self, spans: dict[str, Span | None], vague_actor: Span | None) -> None:
        self.__dict__.update(spans=spans, vague_actor=vague_actor)  # see model.py


def _overlaps(span: tuple[int, int], others: Sequence[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)


@dataclass(frozen=True, init=False)
class Prepared:
    """A clause made ready for the rules: cleaned, lower-cased, its words and actors found."""

    work: str
    low: str
    words: Words
    mentions: tuple[tuple[int, int], ...]
    vague: tuple[tuple[int, int], ...]

    def __init__(
        self,
        work: str,
        low: str,
        words: Words,
        mentions: tuple[tuple[int, int], ...],
        vague: tuple[tuple[int, int], ...],
    ) -> None:
        self.__dict__.update(work=work, low=low, words=words, mentions=mentions, vague=vague)


@lru_cache(maxsize=4096)
def prepared(text: str, language: str) -> Prepared:
    """The cleaned text, its lower case and words, and the actor and vague-actor mentions."""
    lexicon = load_lexicon(language)
    work = clean(text)
    low = lower_text(work)
    index = words(low)
    # Where a capitalised name and a lower-case pattern start together, the name wins.
    named = [(m.start(), m.end(), 0) for m in lexicon.actors_cs.finditer(work)]
    named += [(m.start(), m.end(), 1) for m in lexicon.scan("actors_ci", low, index)]
    named.sort(key=lambda se: (se[0], se[2], -(se[1] - se[0])))
    mentions = [(start, end) for start, end, _ in named]
    vague = tuple((m.start(), m.end()) for m in lexicon.scan("vague_actors", low, index))
    return Prepared(work, low, index, tuple(mentions), vague)


def _actor(
    text: str,
    work: str,
    lexicon: Lexicon,
    lead: Span | None,
    body: int,
    mentions: tuple[tuple[int, int], ...],
    vague: tuple[tuple[int, int], ...],
) -> tuple[Span | None, Span | None]:
    lead_start = lead.start if lead else len(work)
    sentence_start = max(work.rfind(". ", 0, lead_start) + 1, 0) if lead else body

    def placed(start: int, end: int) -> bool:
        before = work[max(0, start - 90) : start].lower()
        if lexicon.addressee_before.search(before) or _BY.search(before):
            return True
        words = before.split()
        previous = words[-1].lower().strip(",;") if words else ""
        if previous in _BLOCKING_PREPOSITIONS:
            return False
        if start < lead_start and start >= sentence_start:
            return True
        stop = work.find(". ", end)
        if _MODAL_AFTER.match(work, end, stop if stop >= 0 else len(work)):
            return not work[work.rfind(". ", 0, start) + 1 : start].strip(" .").count(" ") > 6
        return lead is None and not work[body:start].strip()

    for start, end in vague:
        if placed(start, end):
            named = [m for m in mentions if placed(*m) and not _overlaps(m, vague)]
            if not named:
                return None, Span(start, end, text[start:end])
    for start, end in mentions:
        if _overlaps((start, end), vague):
            continue
        if placed(start, end):
            return Span(start, end, text[start:end]), None
    return None, None


def find_elements(
    text: str,
    lead: Span | None = None,
    body: int = 0,
    hedges: tuple[Span, ...] = (),
    declarative: bool = False,
    language: str = "en",
) -> ElementResult:
    """Spans of the accountability elements a clause names (offsets within ``text``)."""
    lexicon = load_lexicon(language)
    ready = prepared(text, language)
    work, low, mentions, vague_mentions = ready.work, ready.low, ready.mentions, ready.vague
    hedge_ranges = [(h.start, h.end) for h in hedges]
    spans: dict[str, Span | None] = dict.fromkeys(ELEMENTS)
    actor, vague = _actor(text, work, lexicon, lead, body, mentions, vague_mentions)
    spans["actor"] = actor
    taken: list[tuple[int, int]] = []
    for name in ("deadline", "budget", "target", "indicator"):
        if name in lexicon.elements_cs:
            if not lexicon.may_match(name, low, ready.words):
                continue
            matches = lexicon.scan(name, low, ready.words)
            matches += lexicon.elements_cs[name].finditer(work)
            matches.sort(key=lambda m: m.start())
        else:
            matches = lexicon.scan_triggered(name, low, ready.words)
        for match in matches:
            rng = (match.start(), match.end())
            if _overlaps(rng, hedge_ranges) or (name == "target" and _overlaps(rng, taken)):
                continue
            if name == "deadline" and declarative and _BARE_YEAR.fullmatch(match.group(0)):
                continue
            if name == "deadline" and _PAST_YEAR.search(
                work, max(0, match.start() - 20), match.end() + 12
            ):
                continue
            if (
                name == "target"
                and declarative
                and not _TARGET_VERBS.search(work, max(0, match.start() - 80), match.end())
            ):
                continue
            spans[name] = Span(match.start(), match.end(), text[match.start() : match.end()])
            if name == "deadline":
                taken.append(rng)
            break
    return ElementResult(spans, vague)
