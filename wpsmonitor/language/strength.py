"""Commitment strength of one clause: lead verb, modal, softening complement and hedges.

The rules follow the labelling rubric (docs/language.md): the lead verb is the first finite
verb that asks, binds or commits someone; declaratory verbs count only when nothing else does,
except that a deontic modal in what they say ("stresses that parties must") leads; a hedge
lowers the tier once, never below weak, and only when it conditions the main obligation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .elements import prepared
from .lexicon import Lexicon, load_lexicon
from .model import Span
from .scan import Words

_TIER_OF_GROUP: dict[str, str] = {
    "phrase_binding": "binding",
    "verb_binding": "binding",
    "plural_binding": "binding",
    "modal_binding": "binding",
    "prohibition": "binding",
    "phrase_strong": "strong",
    "verb_strong": "strong",
    "plural_strong": "strong",
    "modal_strong": "strong",
    "imperative": "strong",
    "phrase_moderate": "moderate",
    "verb_moderate": "moderate",
    "plural_moderate": "moderate",
    "modal_moderate": "moderate",
    "intention": "moderate",
    "objective": "moderate",
    "verb_weak": "weak",
    "plural_weak": "weak",
    "modal_weak": "weak",
    "declaratory": "none",
    "none_phrase": "none",
    "procedural": "none",
}
_DEONTIC_GROUPS = frozenset(
    {"modal_binding", "prohibition", "modal_moderate", "phrase_binding", "phrase_strong"}
)
LOWER: dict[str, str] = {"binding": "strong", "strong": "moderate", "moderate": "weak"}

_MODAL_WORDS = frozenset(
    "is are shall will must should may might could ought need needs have has cannot".split()
)
_SUBJECT_WORDS = frozenset(
    """and also further strongly hereby therefore again once thus accordingly furthermore it he
    she we they council assembly commission government committee house congress ministry
    parties states conference i""".split()
)
_PRONOUNS = frozenset({"we", "they", "i"})
_DETERMINERS = frozenset(
    "the a an its his her their these those such our of this to any all with by for".split()
)
_TOKEN = re.compile(r"[\w'’-]+|[,;:—–(]")
_MARKER = re.compile(
    r"\s*(?:(?:\((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,3})\))|(?:\d{1,3}(?:\.\d{1,3})*[.)])"
    r"|(?:[a-z][.)])|(?:OP\s*\d{1,3}\.?)|[-*•–])\s*"
)
_TO_VERB = re.compile(r"\bto\s+", re.IGNORECASE)
# The punctuation comes first so that the engine only stops at punctuation; the lookbehinds
# then include it (the abbreviation is checked just before the mark).
_SENTENCE_END = re.compile(
    r"[.!?;](?<![A-Z].)(?<!\bNo.)(?<!\bArt.)(?<!\bpara.)(?<!\bMr.)(?<!\bMrs.)(?<!\bMs.)"
    r"(?<!\bDr.)(?<!\bSt.)(?<!\bvs.)(?<!\betc.)(?<!\bi\.e.)(?<!\be\.g.)(?=\s|$)"
)
_CALLS_FOR = re.compile(r"calls?\s+for$", re.IGNORECASE)


@dataclass(frozen=True, init=False)
class Candidate:
    start: int
    end: int
    group: str
    tier: str

    def __init__(self, start: int, end: int, group: str, tier: str) -> None:
        self.__dict__.update(start=start, end=end, group=group, tier=tier)


@dataclass(frozen=True, init=False)
class StrengthResult:
    """Strength of a clause with the evidence for it (offsets are within the clause)."""

    strength: str
    base_tier: str
    lead: Span | None
    lead_kind: str  # operative, modal, deontic_complement, declaratory, definition, ...
    declaratory: Span | None
    softener: Span | None
    hedges: tuple[Span, ...]
    hedge_effects: tuple[str, ...]
    lowering: tuple[Span, ...]
    shielded: tuple[Span, ...]
    list_marker: bool
    body_start: int

    def __init__(
        self,
        strength: str,
        base_tier: str,
        lead: Span | None,
        lead_kind: str,
        declaratory: Span | None,
        softener: Span | None,
        hedges: tuple[Span, ...],
        hedge_effects: tuple[str, ...],
        lowering: tuple[Span, ...],
        shielded: tuple[Span, ...],
        list_marker: bool,
        body_start: int,
    ) -> None:
        # Quicker than the generated __init__ of a frozen dataclass (see model.py).
        self.__dict__.update(
            strength=strength,
            base_tier=base_tier,
            lead=lead,
            lead_kind=lead_kind,
            declaratory=declaratory,
            softener=softener,
            hedges=hedges,
            hedge_effects=hedge_effects,
            lowering=lowering,
            shielded=shielded,
            list_marker=list_marker,
            body_start=body_start,
        )


def body_start(text: str) -> tuple[int, bool]:
    """Offset where the clause's words begin after a list marker, and whether there was one."""
    match = _MARKER.match(text)
    if match and match.end() > 0 and match.group(0).strip():
        return match.end(), True
    stripped = len(text) - len(text.lstrip())
    return stripped, False


def _previous_tokens(text: str, pos: int, count: int = 4) -> list[str]:
    return _TOKEN.findall(text[max(0, pos - 80) : pos])[-count:]


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = 0
    for match in _SENTENCE_END.finditer(text, 0, pos):
        start = match.end()
    following = _SENTENCE_END.search(text, pos)
    return start, following.end() if following else len(text)


def _ends_with_actor(text: str, pos: int, actor_ends: set[int]) -> bool:
    end = len(text[:pos].rstrip())
    return end in actor_ends


class _Context:
    """State while reading candidates left to right."""

    def __init__(self) -> None:
        self.plural_seen = False
        self.declaratory_seen = False
        self.asking_seen = False


def _accept(
    text: str,
    cand: Candidate,
    ctx: _Context,
    lexicon: Lexicon,
    actor_ends: set[int],
    start_of_body: int,
) -> bool:
    words = text[cand.start : cand.end].split()
    first = words[0].lower() if words else ""
    tokens = _previous_tokens(text, cand.start)
    prev = tokens[-1] if tokens else None
    prev_lower = prev.lower() if prev else ""
    at_start = cand.start <= start_of_body or not text[start_of_body : cand.start].strip()
    if first in _MODAL_WORDS:
        if prev_lower in lexicon.relatives and prev_lower != "as":
            return False
        if "as" in (t.lower() for t in tokens[-3:]) and "," not in tokens[-3:]:
            return False
        if first == "will" and prev_lower in lexicon.predictive_subjects:
            return False
        if first == "need" or first == "needs":
            if prev_lower in _DETERMINERS:
                return False
        if ctx.declaratory_seen and not ctx.asking_seen:
            # In what a declaratory verb says, only a deontic modal addressed to an actor counts.
            if first in lexicon.epistemic:
                return False
            addressed = _ends_with_actor(text, cand.start, actor_ends) or (
                prev is not None and prev[:1].isupper()
            )
            if not addressed:
                return False
        return not at_start or first not in {"may", "will"}
    if at_start:
        return True
    if prev_lower in lexicon.relatives or prev_lower in _DETERMINERS:
        return False
    plural = cand.group.startswith("plural") or (
        cand.group in {"declaratory", "intention"} and not first.endswith("s")
    )
    subject_like = (
        _ends_with_actor(text, cand.start, actor_ends)
        or (prev is not None and prev[:1].isupper() and prev_lower not in {"i"})
        or prev_lower in _PRONOUNS
    )
    if plural:
        coordinated = prev in {",", ";", ":"} or prev_lower == "and"
        return subject_like or (coordinated and ctx.plural_seen)
    if prev in {",", ";", ":", "—", "–", "("}:
        return True
    if prev_lower in _SUBJECT_WORDS or prev_lower.endswith("ly"):
        return True
    return subject_like


def _candidates(
    text: str, low: str, lexicon: Lexicon, start_of_body: int, index: Words
) -> list[Candidate]:
    found = [
        Candidate(
            m.start(), m.end(), m.lastgroup or "", _TIER_OF_GROUP.get(m.lastgroup or "", "none")
        )
        for m in lexicon.scan("lead", low, index)
    ]
    body = low[start_of_body:]
    imperative = lexicon.imperative.match(body)
    if imperative and text[start_of_body : start_of_body + 1].isupper():
        after = body[imperative.end() :].split(None, 1)
        nxt = after[0].lower() if after else ""
        if nxt not in {"of", "in", "on", "for", "is", "are", "was", "were", "has", "have", "will"}:
            found.append(
                Candidate(start_of_body, start_of_body + imperative.end(), "imperative", "strong")
            )
    elif body[:3].lower() == "to ":
        objective = lexicon.imperative.match(body, 3)
        if objective:
            found.append(
                Candidate(start_of_body, start_of_body + objective.end(), "objective", "moderate")
            )
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    return found


def _softener(
    text: str, lead: Candidate, lexicon: Lexicon, sentence_end: int
) -> tuple[str, Span] | None:
    kind = (
        "intention" if lead.group == "intention" else text[lead.start : lead.end].split()[0].lower()
    )
    if kind not in lexicon.soften_applies_to and lead.group != "intention":
        return None
    positions = [lead.end]
    if lead.group == "intention":
        to = _TO_VERB.search(text, lead.end, sentence_end)
        if to:
            positions.append(to.start())
    for pos in positions:
        for tier, pattern in (("weak", lexicon.soften_weak), ("moderate", lexicon.soften_moderate)):
            match = pattern.match(text, pos)
            if match:
                span_start = pos + len(match.group(0)) - len(match.group(0).lstrip(" ,"))
                return tier, Span(span_start, match.end(), text[span_start : match.end()])
    return None


def _shielded(text: str, hedge_start: int, lead_end: int, lexicon: Lexicon) -> bool:
    """Whether a hedge sits in an 'including' list, a consultation phrase or a participle."""
    window = text[lead_end:hedge_start]
    best: tuple[int, str] | None = None
    for match in lexicon.shield_list.finditer(window):
        best = (match.end(), "list")
    for match in re.finditer(r",\s+([a-z]{3,}ing)\b", window):
        if best is None or match.end() > best[0]:
            best = (match.end(), "list")
    for match in lexicon.shield_consultation.finditer(window):
        if best is None or match.end() > best[0]:
            best = (match.end(), "consultation")
    if best is None:
        return False
    between = window[best[0] :]
    if best[1] == "consultation":
        return not re.search(r"\bto\s+[a-z]|;", between)
    inner = between.strip()
    return inner in {"", ","} or "," not in between


def analyse_strength(text: str, language: str = "en") -> StrengthResult:
    """The strength of one clause with its lead verb, hedges and their effect."""
    return _analyse_strength(text, language)


@lru_cache(maxsize=8192)
def _analyse_strength(text: str, language: str) -> StrengthResult:
    lexicon = load_lexicon(language)
    ready = prepared(text, language)
    work, low, mentions, vague = ready.work, ready.low, ready.mentions, ready.vague
    start_of_body, list_marker = body_start(work)
    actor_ends = {end for _, end in mentions} | {end for _, end in vague}
    ctx = _Context()
    preambular = bool(lexicon.preambular.match(work, start_of_body))
    ctx.declaratory_seen = preambular
    lead: Candidate | None = None
    declaratory: Candidate | None = None
    definition: Candidate | None = None
    candidates = _candidates(work, low, lexicon, start_of_body, ready.words)
    for cand in candidates:
        if lead is not None:
            break
        if cand.group == "procedural":
            continue
        if preambular and not (
            cand.group in _DEONTIC_GROUPS
            and work[cand.start : cand.end].split()[0].lower() not in lexicon.epistemic
        ):
            continue
        if not _accept(work, cand, ctx, lexicon, actor_ends, start_of_body):
            continue
        if cand.group.startswith("plural") or (
            cand.group == "declaratory" and not work[cand.start : cand.end].endswith("s")
        ):
            ctx.plural_seen = True
        if cand.group == "declaratory":
            ctx.declaratory_seen = True
            declaratory = declaratory or cand
            continue
        if cand.group == "none_phrase":
            definition = cand
            break
        ctx.asking_seen = True
        lead = cand

    hedge_spans: list[Span] = []
    hedge_effects: list[str] = []
    for match in lexicon.scan_triggered("hedges", low, ready.words):
        group = match.lastgroup or "h0"
        hedge_spans.append(Span(match.start(), match.end(), text[match.start() : match.end()]))
        hedge_effects.append(lexicon.hedge_effects[int(group[1:])])

    def span(c: Candidate | None) -> Span | None:
        return Span(c.start, c.end, text[c.start : c.end]) if c else None

    if lead is None:
        kind = "definition" if definition else ("declaratory" if declaratory else "none")
        if preambular and not definition:
            kind = "preambular"
        chosen = definition or declaratory
        return StrengthResult(
            "none", "none", span(chosen), kind, span(declaratory), None,
            tuple(hedge_spans), tuple(hedge_effects), (), (), list_marker, start_of_body,
        )  # fmt: skip

    tier = lead.tier
    if lead.group == "verb_moderate" and _CALLS_FOR.search(work[lead.start : lead.end]):
        after = work[lead.end : lead.end + 120]
        if any(m.start() < 40 for m in lexicon.actors_cs.finditer(after)) and re.search(
            r"\bto\s+[a-z]", after[:80]
        ):
            tier = "strong"
    sentence_start, sentence_end = _sentence_bounds(work, lead.start)
    softener = None
    soft = _softener(low, lead, lexicon, sentence_end)
    if soft:
        soft_tier, soft_span = soft
        softener = Span(soft_span.start, soft_span.end, text[soft_span.start : soft_span.end])
        tier = soft_tier
    base_tier = tier
    lowering: list[Span] = []
    shielded: list[Span] = []
    weak_now = False
    later_verbs = [
        c.start
        for c in candidates
        if lead.end <= c.start < sentence_end
        and (
            c.group.startswith(("modal", "prohibition"))
            # a second operative paragraph verb: "..., and urges the Secretary-General to"
            or (c.group.startswith(("verb_", "phrase_")) and c.tier != "none")
        )
        and low[max(0, c.start - 6) : c.start].strip(" ,").endswith("and")
    ]
    for hedge, effect in zip(hedge_spans, hedge_effects, strict=True):
        if hedge.start < sentence_start or hedge.start >= sentence_end:
            continue
        if hedge.start > lead.start and (
            _shielded(low, hedge.start, lead.end, lexicon)
            or any(lead.end < v < hedge.start for v in later_verbs)
        ):
            shielded.append(hedge)
            continue
        lowering.append(hedge)
        weak_now = weak_now or effect == "weak"
    if lowering and tier in LOWER:
        tier = "weak" if weak_now else LOWER[tier]
    kind = "operative"
    if lead.group.startswith(("modal", "prohibition")):
        kind = "deontic_complement" if declaratory is not None or preambular else "modal"
    elif lead.group in {"imperative", "objective", "intention"}:
        kind = lead.group
    return StrengthResult(
        tier, base_tier, span(lead), kind, span(declaratory), softener,
        tuple(hedge_spans), tuple(hedge_effects), tuple(lowering), tuple(shielded),
        list_marker, start_of_body,
    )  # fmt: skip
