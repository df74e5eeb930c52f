"""Highlights cut a clause into pieces that give back its text, with no overlapping marks."""

from __future__ import annotations

import pytest

from wpsmonitor.analysis.presenting import highlight
from wpsmonitor.language import assess


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        (
            "Requests the Secretary-General to report annually, as appropriate.",
            [
                ("Requests", "lead"),
                ("the Secretary-General", "actor"),
                ("report", "indicator"),
                ("annually", "deadline"),
                ("as appropriate", "hedge"),
            ],
        ),
        (
            "Calls upon all relevant actors to act where possible.",
            [
                ("Calls upon", "lead"),
                ("all relevant actors", "vague_actor"),
                ("where possible", "hedge"),
            ],
        ),
        ("Recalling its resolution 1325 (2000),", []),
    ],
)
def test_highlights_give_back_the_text_and_mark_each_span_once(
    text: str, marked: list[tuple[str, str]]
) -> None:
    pieces = highlight(assess(text, "resolution"))
    assert "".join(p.text for p in pieces) == text
    assert [(p.text, p.kind) for p in pieces if p.kind] == marked
    assert all(p.title for p in pieces if p.kind)
