"""A simple baseline for commitment strength, kept to measure the analyser against.

It takes the strongest modal or lead verb found anywhere in the clause, with no hedge
handling and no special treatment of declaratory verbs or definitions.
"""

from __future__ import annotations

import re

_BASELINE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (tier, re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE))
    for tier, words in (
        ("binding", ["decides", "demands?", "shall", "must", "prohibits", "required to"]),
        (
            "strong",
            ["requests?", "urges?", "calls upon", "calls on", "call on", "will", "commits?",
             "undertakes?", "agrees?", "insists", "directs"],
        ),
        (
            "moderate",
            ["encourages?", "recommends?", "invites?", "supports?", "should", "calls for",
             "looks forward", "intention"],
        ),
        ("weak", ["may", "consider", "endeavou?r", "strive", "seeks? to"]),
    )
)  # fmt: skip


def baseline_strength(text: str) -> str:
    """The tier of the strongest modal or lead verb in the clause, or 'none'."""
    for tier, pattern in _BASELINE:
        if pattern.search(text):
            return tier
    return "none"
