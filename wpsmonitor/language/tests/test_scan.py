"""The word-start scan gives exactly the matches a full regular-expression search gives."""

from __future__ import annotations

import re

import pytest

from wpsmonitor.language import load_lexicon
from wpsmonitor.language.lexicon import GATE, lower_text
from wpsmonitor.language.scan import find, first_words, words

TEXTS = [
    "Requests the Secretary-General to report annually, as appropriate, on progress by 2026.",
    "The Ministry of Defence will increase the share of women officers by 20% within two years, "
    "subject to the availability of funds from the state budget (EUR 500,000).",
    "Calls upon all parties to armed conflict and all relevant actors; the international "
    "community should, where feasible, double US$2.5 million in voluntary contributions.",
    "décide que; l'État partie — 3rd-party data-sets, re-reporting, reports, $ 40, €12m, 1325.",
    "States Parties shall take all appropriate measures no later than 31 December 2027, "
    "and report every two years in their next periodic report.",
    "",
    "the the the shall shall be deemed to mean",
]


@pytest.mark.parametrize("text", TEXTS)
def test_every_scanned_word_list_finds_what_finditer_finds(text: str) -> None:
    lexicon = load_lexicon("en")
    low = lower_text(text)
    index = words(low)
    for name, (pattern, _first) in lexicon.scanners.items():
        expected = [(m.start(), m.end(), m.lastgroup) for m in pattern.finditer(low)]
        found = [(m.start(), m.end(), m.lastgroup) for m in lexicon.scan(name, low, index)]
        assert found == expected, name


@pytest.mark.parametrize(
    ("pattern", "exact", "prefixes", "digits"),
    [
        (r"(?:requests?|urges)\b", {"request", "requests", "urges"}, (), False),
        (r"calls? (?:upon|on)\b", {"call", "calls"}, (), False),
        (r"organi[sz]e\b", {"organise", "organize"}, (), False),
        (r"(?:the )?ministry of\b", {"the", "ministry"}, (), False),
        (r"increase[a-z]* by\b", set(), ("increase",), False),
        (r"\d+ ?%", set(), (), True),
        (r"(?:usd|\$) ?\d", {"usd", "$"}, ("usd0", "usd9"), False),
    ],
)
def test_first_words_are_read_from_the_pattern(
    pattern: str, exact: set[str], prefixes: tuple[str, ...], digits: bool
) -> None:
    spaced = pattern.replace(" ?", r"\s*").replace(" ", r"\s+")
    compiled = re.compile(GATE + "(?:" + spaced + ")")
    first = first_words(compiled)
    assert first is not None
    assert first.exact == exact
    assert all(p in first.prefixes for p in prefixes)
    assert first.digits is digits


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:requests)",  # no word gate: a match may start inside a word
        GATE + r"[a-z]+ly",  # any word
        GATE + r"\w+",
        GATE + r".",
    ],
)
def test_patterns_whose_first_words_cannot_be_listed_are_searched_in_full(pattern: str) -> None:
    compiled = re.compile(pattern)
    assert first_words(compiled) is None
    low = "it requests and urges the parties firmly"
    assert [m.span() for m in find(compiled, None, low, words(low))] == [
        m.span() for m in compiled.finditer(low)
    ]
