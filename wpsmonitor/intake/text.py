"""Small text helpers shared by the readers and parsers."""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and a mark.
_SPECIAL = str.maketrans(
    {
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ı": "i",
    }
)
_NON_WORD = re.compile(r"[^\w]+")
_SPACES = re.compile(r"\s+")


def strip_accents(text: str) -> str:
    """``"Përgjegjës Budžet"`` → ``"Pergjegjes Budzet"``."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower case, no accents, punctuation as spaces, single spaces: for comparing words."""
    return _SPACES.sub(
        " ", _NON_WORD.sub(" ", strip_accents(text).casefold()).replace("_", " ")
    ).strip()


def squash(text: str) -> str:
    """Collapse runs of white space to one space and trim; keep line breaks as spaces."""
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()


def clean_cell(text: str) -> str:
    """Trim each line of a table cell, drop empty lines, keep line breaks between them."""
    lines = (_SPACES.sub(" ", line.replace("\u00a0", " ")).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
