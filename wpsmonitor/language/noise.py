"""Repair common extraction noise without moving text, so offsets stay valid.

Every repair keeps the length of the text: a stray page number becomes spaces, ";;" becomes
"; ", and a word split in two ("implementa tion") is joined with the space moved to its end.
"""

from __future__ import annotations

import re

from .scan import has_digit

_DOUBLED = re.compile(r"([;,.:])\1+")
_MARKDOWN_LINK = re.compile(r"\]\([^)\s]*\)")
_MARKUP = re.compile(r"[*_\[]")
_SPLIT_WORD = re.compile(
    r"\b([A-Za-z]{3,}) (tion|tions|sion|sions|ments?|ities|ality|ness|ibility|ization|isation)\b"
)
# Every split word has a space before one of these endings; when none occurs, skip the search.
_SPLIT_HINTS = (
    " tion", " sion", " ment", " ities", " ality", " ness", " ibility", " ization", " isation",
)  # fmt: skip
# A number of one to three digits between two lower-case words, as a page break leaves it:
# "consistent 3 with their mandates". Numbers that count something are kept. The pattern opens
# with the space (a literal the engine can jump to) and checks the letter before it afterwards.
_PAGE_NUMBER = re.compile(r" (?<=[a-z,;] )(\d{1,3})(?= ([a-z]+))")
_COUNTING_WORDS = frozenset(
    """paragraph paragraphs para article articles resolution resolutions least than of to by
    the within over under about some top first last every each per from between until
    chapter section annex page pages number rule rules no approximately nearly almost around
    only up down below above reaching reach of""".split()
)
_UNITS = re.compile(r"(?:s|days?|weeks?|months?|years?|per|percent|times|million|thousand)$")
# Words that follow a count of people in plans ("train 500 police officers", "200 women"): a
# number before them is a figure, not a page number.
_COUNTED = frozenset(
    """women men people children girls boys staff personnel police military civilian female male
    new more additional young""".split()
)
_TRAILING_JUNK = re.compile(r"(?:\s*;+\s*\d{1,3}|;\s*[a-z]{2,12})\s*$")


def _page_number(match: re.Match[str]) -> str:
    text = match.string
    before = text[max(0, match.start() - 20) : match.start()].split()
    previous = before[-1].strip(",;").lower() if before else ""
    following = match.group(2)
    if previous in _COUNTING_WORDS or following in _COUNTED or _UNITS.search(following):
        return match.group(0)
    return " " * len(match.group(0))


def clean(text: str) -> str:
    """The text with extraction noise replaced by spaces; same length as the input."""
    if ";;" in text or ",," in text or ".." in text:
        text = _DOUBLED.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - 1), text)
    if "](" in text:
        text = _MARKDOWN_LINK.sub(lambda m: " " * len(m.group(0)), text)
    if "*" in text or "[" in text or "_" in text:
        text = _MARKUP.sub(" ", text)
    for hint in _SPLIT_HINTS:
        if hint in text:
            text = _SPLIT_WORD.sub(lambda m: m.group(1) + m.group(2) + " ", text)
            break
    if not has_digit(text):
        return text  # a page number needs a digit
    return _PAGE_NUMBER.sub(_page_number, text)


def trailing_junk(text: str) -> int | None:
    """Where a trailing page number or repeated word fragment starts, if the text ends with one.

    "...with immediate effect; 2" and "...sexual violence;ence" end with such junk.
    """
    # Every match holds the last ';' of the text, after only spaces and ';' from its start.
    last = text.rfind(";")
    if last < 0:
        return None
    while last > 0 and (text[last - 1] == ";" or text[last - 1].isspace()):
        last -= 1
    match = _TRAILING_JUNK.search(text, last)
    if not match:
        return None
    fragment = match.group(0).strip(" ;,.")
    if fragment.isdigit():
        return match.start()
    before = text[: match.start()].rstrip(" ;,.")
    last_word = before.split()[-1] if before.split() else ""
    if last_word.lower().endswith(fragment.lower()):
        return match.start()
    return None
