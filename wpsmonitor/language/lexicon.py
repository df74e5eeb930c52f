"""Load the word lists (lexicons) the analyser reads, compiled once per language.

A lexicon is a JSON file in ``lexicons/<code>.json``; docs/language.md describes its fields.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .scan import FirstWords, Words, find, first_words, has_digit

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
TIERS: tuple[str, ...] = ("binding", "strong", "moderate", "weak", "none")
ELEMENTS: tuple[str, ...] = ("actor", "deadline", "target", "budget", "indicator")

# The order of the groups matters: at one position the first alternative that matches wins,
# so definitions and fixed phrases come before the bare modals and verbs they contain.
_LEAD_GROUPS: tuple[tuple[str, str], ...] = (
    ("none_phrase", "none_phrases"),
    ("procedural", "procedural_phrases"),
    ("phrase_binding", "lead_phrases.binding"),
    ("phrase_strong", "lead_phrases.strong"),
    ("phrase_moderate", "lead_phrases.moderate"),
    ("intention", "lead_phrases.intention"),
    ("prohibition", "modals.prohibition"),
    ("modal_weak", "modals.weak"),
    ("modal_binding", "modals.binding"),
    ("modal_strong", "modals.strong"),
    ("modal_moderate", "modals.moderate"),
    ("verb_binding", "operative_verbs.binding"),
    ("verb_strong", "operative_verbs.strong"),
    ("verb_moderate", "operative_verbs.moderate"),
    ("verb_weak", "operative_verbs.weak"),
    ("plural_binding", "plural_verbs.binding"),
    ("plural_strong", "plural_verbs.strong"),
    ("plural_moderate", "plural_verbs.moderate"),
    ("plural_weak", "plural_verbs.weak"),
    ("declaratory", "declaratory_verbs"),
)


# Between a modal or an intention and its verb: "will also consider", "intention to consider".
_SOFTEN_PREFIX = r"[\s,]*(?:(?:also|further|duly|then|\w+ly)\s+)?(?:to\s+)?(?:"


class LexiconError(ValueError):
    """A lexicon file is missing or malformed; the message names the file and the field."""


@dataclass(frozen=True)
class Hedge:
    pattern: str
    effect: str  # "lower" (one tier) or "weak" (straight to weak)


@dataclass(frozen=True)
class Lexicon:
    """Compiled patterns for one language. Build with :func:`load_lexicon`."""

    language: str
    data: dict[str, Any]
    lead: re.Pattern[str]
    imperative: re.Pattern[str]
    preambular: re.Pattern[str]
    adverbs: re.Pattern[str]
    chain: re.Pattern[str]
    hedges: re.Pattern[str]
    hedge_effects: tuple[str, ...]
    shield_list: re.Pattern[str]
    shield_consultation: re.Pattern[str]
    soften_weak: re.Pattern[str]
    soften_moderate: re.Pattern[str]
    soften_applies_to: frozenset[str]
    epistemic: frozenset[str]
    relatives: frozenset[str]
    predictive_subjects: frozenset[str]
    actors_cs: re.Pattern[str]
    actors_ci: re.Pattern[str]
    vague_actors: re.Pattern[str]
    addressee_before: re.Pattern[str]
    elements: dict[str, re.Pattern[str]]
    elements_cs: dict[str, re.Pattern[str]]
    registers: dict[str, dict[str, Any]]
    register_cues: dict[str, re.Pattern[str]]
    templates: dict[str, str]
    triggers: dict[str, tuple[str, ...]]
    digit_triggered: frozenset[str]
    scanners: dict[str, tuple[re.Pattern[str], FirstWords | None]]
    # The same patterns without their look-ahead prefilter, tried only at a word start.
    scanners_at: dict[str, re.Pattern[str]]

    def scan(self, name: str, low: str, index: Words) -> list[re.Match[str]]:
        """The matches of a word-list pattern in lower-cased text, as ``finditer`` gives them.

        ``name`` is "lead", "hedges", "vague_actors", "actors_ci", an element ("deadline") or
        "cue:" and a register; ``index`` is ``scan.words(low)``.
        """
        pattern, first = self.scanners[name]
        return find(pattern, first, low, index, self.scanners_at.get(name))

    def scan_triggered(self, name: str, low: str, index: Words) -> list[re.Match[str]]:
        """``scan`` when ``may_match(name, low)``, else no matches.

        When the word scan is quick and finds nothing, the trigger words are not looked for.
        """
        pattern, first = self.scanners[name]
        if first is None:
            return list(pattern.finditer(low)) if self.may_match(name, low, index) else []
        found = find(pattern, first, low, index, self.scanners_at.get(name))
        return found if found and self.may_match(name, low, index) else []

    def may_match(self, category: str, low: str, index: Words | None = None) -> bool:
        """False when a category's patterns cannot match (none of its trigger words occur).

        ``index``, the words of ``low``, remembers whether it holds a digit between calls.
        """
        words = self.triggers.get(category)
        if words is None:
            return True
        if category in self.digit_triggered and (
            index.has_digit() if index is not None else has_digit(low)
        ):
            return True
        for word in words:
            if word in low:
                return True
        return False


# Patterns run on lower-cased text without re.IGNORECASE, behind a gate that only lets a match
# start at the beginning of a word: together about ten times faster than case-insensitive search.
GATE = r"(?<![a-z0-9])(?=[a-z0-9$€£])"
# A case-sensitive actor starts with a capital letter or with one of these words.
_ACTOR_DETERMINERS = ("the", "all", "each", "any", "every", "his", "her", "relevant", "its")
_ESCAPE_OR_CHAR = re.compile(r"\\.|.", re.DOTALL)


def lower_text(text: str) -> str:
    """Lower-case text with the same length (characters whose lower case is longer are kept)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _lower_pattern(pattern: str) -> str:
    """Lower-case a pattern's literal characters, leaving escapes such as \\S and \\Z intact."""
    if pattern.startswith("(?-i:"):
        return pattern
    return "".join(
        tok if tok.startswith("\\") else tok.lower() for tok in _ESCAPE_OR_CHAR.findall(pattern)
    )


def _spaced(pattern: str) -> str:
    """Let a space in a lexicon pattern match any run of whitespace (line breaks, PDF gaps)."""
    return _lower_pattern(pattern).replace(" ?", r"\s*").replace(" ", r"\s+")


def _alternation(patterns: list[str]) -> str:
    ordered = sorted(patterns, key=len, reverse=True)
    return "|".join(f"(?:{_spaced(p)})" for p in ordered)


def _words(patterns: list[str]) -> str:
    return rf"{GATE}(?:{_alternation(patterns)})\b"


def _field(data: dict[str, Any], dotted: str, source: str) -> list[str]:
    node: Any = data
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            if dotted.startswith("modals.prohibition"):
                return []
            raise LexiconError(f"{source}: missing field '{dotted}'")
        node = node[part]
    if not isinstance(node, list) or not all(isinstance(item, str) for item in node):
        raise LexiconError(f"{source}: field '{dotted}' must be a list of strings")
    return node


def _compile(pattern: str, source: str, flags: int = 0) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as error:
        raise LexiconError(f"{source}: invalid pattern ({error})") from error


def _split_prohibitions(data: dict[str, Any]) -> dict[str, Any]:
    """Keep negated binding modals apart so that 'may not' is not read as 'may'."""
    modals = dict(data["modals"])
    binding = list(modals["binding"])
    negated = [p for p in binding if " not" in p or p.startswith("cannot") or "no case" in p]
    negated += [p for p in binding if "prohibited" in p]
    modals["binding"] = [p for p in binding if p not in negated]
    modals["prohibition"] = negated
    return {**data, "modals": modals}


def build_lexicon(data: dict[str, Any], source: str = "lexicon") -> Lexicon:
    """Compile a lexicon from its parsed JSON data."""
    data = _split_prohibitions(data)
    groups = []
    for name, dotted in _LEAD_GROUPS:
        patterns = _field(data, dotted, source)
        if patterns:
            groups.append(rf"(?P<{name}>(?:{_alternation(patterns)})\b)")
    every = [p for _, dotted in _LEAD_GROUPS for p in _field(data, dotted, source)]
    # The lookahead over all patterns at once rejects most word starts before the named groups
    # (which the engine cannot skip quickly) are tried.
    lead = _compile(
        GATE + f"(?=(?:{_alternation(every)})\\b)" + "(?:" + "|".join(groups) + ")", source
    )
    # The look-ahead only rejects word starts quickly; where a word starts, the groups alone
    # match exactly the same.
    lead_at = _compile(GATE + "(?:" + "|".join(groups) + ")", source)
    hedge_items = [Hedge(h["pattern"], h.get("effect", "lower")) for h in data["hedges"]]
    hedge_items.sort(key=lambda h: len(h.pattern), reverse=True)
    hedge_groups = "|".join(rf"(?P<h{i}>{_spaced(h.pattern)}\b)" for i, h in enumerate(hedge_items))
    hedges = _compile(
        GATE
        + f"(?=(?:{_alternation([h.pattern for h in hedge_items])})\\b)"
        + "(?:"
        + hedge_groups
        + ")",
        source,
    )
    hedges_at = _compile(GATE + "(?:" + hedge_groups + ")", source)
    soften = data["softening_complements"]
    actors = data["actors"]
    elements: dict[str, re.Pattern[str]] = {}
    elements_cs: dict[str, re.Pattern[str]] = {}
    for name in ELEMENTS[1:]:
        patterns = sorted(_field(data, f"elements.{name}", source), key=len, reverse=True)
        plain = [p for p in patterns if not p.startswith("(?-i:")]
        cased = [p[5:-1] for p in patterns if p.startswith("(?-i:")]
        elements[name] = _compile(
            GATE + "(?:" + "|".join(f"(?:{_spaced(p)})" for p in plain) + r")(?![a-z0-9])",
            f"{source} elements.{name}",
        )
        if cased:
            elements_cs[name] = _compile(
                r"(?<![\w])(?:"
                + "|".join(f"(?:{p.replace(' ', chr(92) + 's+')})" for p in cased)
                + r")(?![\w])",
                f"{source} elements.{name}",
            )
    registers: dict[str, dict[str, Any]] = data["registers"]
    register_cues = {
        name: _compile(_words(spec.get("cues", [])), source) for name, spec in registers.items()
    }
    names_start = r"(?<![\w-])(?=[A-Z]|(?:" + "|".join(_ACTOR_DETERMINERS) + r")\s)"
    names_body = (
        "(?:"
        + "|".join(
            f"(?:{p.replace(' ?', chr(92) + 's*').replace(' ', chr(92) + 's+')})"
            for p in sorted(actors["case_sensitive"], key=len, reverse=True)
        )
        + r")(?![\w-])"
    )
    filler = r"(?:[\s,]+(?!(?:to|with|from|between|of|for|in|on|at|into|by)\b)[\w'’-]+){0,5}?[\s,]*"
    lexicon = Lexicon(
        language=str(data.get("language", "")),
        data=data,
        lead=lead,
        imperative=_compile(_words(_field(data, "imperative_verbs", source)), source),
        preambular=_compile(
            r"\s*(?:" + _alternation(_field(data, "preambular_openers", source)) + r")\b",
            source,
            flags=re.IGNORECASE,
        ),
        adverbs=_compile(_words(_field(data, "operative_adverbs", source)), source),
        chain=_compile(
            r"[;,]+\s*(?:and\b[\s,]*)?(?:(?:"
            + _alternation(_field(data, "operative_adverbs", source))
            + r")\s+)*(?=(?-i:(?:"
            + _alternation(
                _field(data, "operative_verbs.binding", source)
                + _field(data, "operative_verbs.strong", source)
                + _field(data, "operative_verbs.moderate", source)
                + [p for p in _field(data, "declaratory_verbs", source) if p.endswith("s")]
                + _field(data, "lead_phrases.intention", source)
                + _field(data, "lead_phrases.moderate", source)
                + _field(data, "lead_phrases.binding", source)
                + _field(data, "lead_phrases.strong", source)
            )
            + r"))\b)",
            source,
            flags=0,
        ),
        hedges=hedges,
        hedge_effects=tuple(h.effect for h in hedge_items),
        shield_list=_compile(_words(_field(data, "hedge_shields.list", source)), source),
        shield_consultation=_compile(
            _words(_field(data, "hedge_shields.consultation", source)), source
        ),
        soften_weak=_compile(_SOFTEN_PREFIX + _alternation(soften["weak"]) + r")\b", source),
        soften_moderate=_compile(
            _SOFTEN_PREFIX + _alternation(soften["moderate"]) + r")\b",
            source,
        ),
        soften_applies_to=frozenset(soften["applies_to"]),
        epistemic=frozenset(_field(data, "epistemic_modals", source)),
        relatives=frozenset(_field(data, "relative_markers", source)),
        predictive_subjects=frozenset(_field(data, "predictive_subjects", source)),
        actors_cs=_compile(names_start + names_body, source),
        actors_ci=_compile(
            r"(?<![\w-])(?=[a-z])(?:" + _alternation(actors["case_insensitive"]) + r")(?![\w-])",
            source,
        ),
        vague_actors=_compile(_words(_field(data, "vague_actors", source)), source),
        addressee_before=_compile(
            r"\b(?:"
            + _alternation(_field(data, "addressee_verbs", source))
            + r")"
            + filler
            + r"\Z",
            source,
        ),
        elements=elements,
        elements_cs=elements_cs,
        registers=registers,
        # Matched on lower-cased text, like the other word lists.
        register_cues=register_cues,
        templates=dict(data["templates"]),
        triggers={
            name: tuple(words)
            for name, words in data.get("triggers", {}).items()
            if name not in {"notes", "digits"}
        },
        digit_triggered=frozenset(data.get("triggers", {}).get("digits", [])),
        scanners={},
        scanners_at={"lead": lead_at, "hedges": hedges_at},
    )
    scanned: dict[str, re.Pattern[str]] = {
        "lead": lexicon.lead,
        "hedges": lexicon.hedges,
        "vague_actors": lexicon.vague_actors,
        "actors_ci": lexicon.actors_ci,
        **lexicon.elements,
        **{f"cue:{name}": pattern for name, pattern in register_cues.items()},
    }
    lexicon.scanners.update(
        {name: (pattern, first_words(pattern)) for name, pattern in scanned.items()}
    )
    return lexicon


@lru_cache(maxsize=8)
def load_lexicon(language: str = "en") -> Lexicon:
    """The compiled lexicon for a language code, read from ``lexicons/<code>.json`` once."""
    path = LEXICON_DIR / f"{language}.json"
    if not path.is_file():
        available = ", ".join(sorted(p.stem for p in LEXICON_DIR.glob("*.json")))
        raise LexiconError(f"no lexicon for language '{language}' (available: {available})")
    with path.open(encoding="utf-8") as handle:
        data = json.load(handle)
    return build_lexicon(data, source=path.name)


def available_languages() -> list[str]:
    """Codes of the languages that have a lexicon file."""
    return sorted(p.stem for p in LEXICON_DIR.glob("*.json"))
