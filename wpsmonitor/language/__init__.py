"""Commitment-language analyser: how firmly a text commits someone, and what it leaves out.

Pure Python: plain values in, dataclasses out; it imports nothing from Django.
"""

from .advice import REGISTERS, normalise_register
from .analyser import analyse_document, assess, clear_caches, infer_register, summarise
from .lexicon import ELEMENTS, TIERS, LexiconError, available_languages, load_lexicon
from .model import (
    ANALYSER_VERSION,
    Assessment,
    Clause,
    ClauseResult,
    DocumentAnalysis,
    Span,
    Summary,
)
from .splitter import clauses

__all__ = [
    "ANALYSER_VERSION",
    "ELEMENTS",
    "REGISTERS",
    "TIERS",
    "Assessment",
    "Clause",
    "ClauseResult",
    "DocumentAnalysis",
    "LexiconError",
    "Span",
    "Summary",
    "analyse_document",
    "assess",
    "available_languages",
    "clauses",
    "clear_caches",
    "infer_register",
    "load_lexicon",
    "normalise_register",
    "summarise",
]
