"""Whole documents: the real texts in ../shared/data, the summary, the report and the CLI text."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import cast

import pytest

from wpsmonitor.language import ANALYSER_VERSION, analyse_document, clauses
from wpsmonitor.language.evaluation import (
    analyser_predictions,
    baseline_predictions,
    load_labels,
    strength_scores,
)
from wpsmonitor.language.report import analyse_text_command, render_text
from wpsmonitor.testing.shared_data import needs_shared as _needs_shared
from wpsmonitor.testing.shared_data import shared_file


def needs_shared(relative: str) -> pytest.MarkDecorator:
    """The shared-data skip mark, typed for mypy."""
    return cast(pytest.MarkDecorator, _needs_shared(relative))


_PLAN = (
    "Action 1.1: The Ministry of Defence will increase the share of women officers to 25% "
    "by 2027.\n\n"
    "Action 1.2: The Agency for Gender Equality will consider establishing a coordination "
    "mechanism, as appropriate.\n\n"
    "Action 1.3: Relevant institutions will strive to include women in decision-making.\n"
)


def test_importing_the_analyser_loads_no_django() -> None:
    code = "import sys, wpsmonitor.language; print('django' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_analyser_version_is_a_string() -> None:
    assert isinstance(ANALYSER_VERSION, str) and ANALYSER_VERSION


@pytest.mark.realdata
@needs_shared("resolutions/S-RES-1820-2008.txt")
def test_resolution_1820_has_fifteen_operative_paragraphs() -> None:
    text = shared_file("resolutions/S-RES-1820-2008.txt").read_text(encoding="utf-8")
    found = clauses(text)
    paragraphs = {c.reference for c in found if c.reference and c.reference.startswith("OP")}
    assert paragraphs == {f"OP {n}" for n in range(1, 16)}
    assert all(text[c.start : c.end] == c.text for c in found)


@pytest.mark.realdata
@needs_shared("resolutions/S-RES-1960-2010.txt")
def test_resolution_1960_has_eighteen_operative_paragraphs() -> None:
    text = shared_file("resolutions/S-RES-1960-2010.txt").read_text(encoding="utf-8")
    found = clauses(text)
    paragraphs = {c.reference.split("(")[0] for c in found if c.reference}
    assert paragraphs == {f"OP {n}" for n in range(1, 19)}


@pytest.mark.realdata
@needs_shared("resolutions/S-RES-1960-2010.txt")
def test_the_items_of_a_lead_in_take_its_strength_in_a_document() -> None:
    text = shared_file("resolutions/S-RES-1960-2010.txt").read_text(encoding="utf-8")
    analysis = analyse_document(text)
    items = [r for r in analysis.results if r.clause.reference in {"OP 18(a)", "OP 18(d)"}]
    assert [r.assessment.strength for r in items] == ["strong", "strong"]
    assert analysis.register == "resolution"


@pytest.mark.realdata
@needs_shared("other/CEDAW-1979-convention.en.md")
def test_cedaw_articles_are_referenced_and_mostly_binding() -> None:
    text = shared_file("other/CEDAW-1979-convention.en.md").read_text(encoding="utf-8")
    analysis = analyse_document(text)
    article_7 = [r for r in analysis.results if r.clause.reference == "Article 7"]
    assert article_7 and article_7[0].assessment.strength == "binding"
    assert analysis.register == "treaty"
    preamble = [r for r in analysis.results if r.clause.kind == "preambular"]
    assert preamble and all(r.assessment.strength == "none" for r in preamble)


@pytest.mark.realdata
@needs_shared("language/dev-labels.jsonl")
def test_the_analyser_beats_the_baseline_on_the_labelled_set() -> None:
    rows = load_labels(shared_file("language/dev-labels.jsonl"))
    analyser = strength_scores(rows, analyser_predictions)
    baseline = strength_scores(rows, baseline_predictions)
    assert analyser.macro_f1 > baseline.macro_f1


def test_the_summary_counts_strength_and_missing_elements() -> None:
    analysis = analyse_document(_PLAN, "plan")
    summary = analysis.summary
    assert summary.clauses == 3
    assert summary.operative_distribution["strong"] == 1
    assert summary.operative_distribution["weak"] == 2
    assert summary.weak_or_none_share == pytest.approx(2 / 3)
    assert summary.missing_counts[0] == ("budget", 3)
    assert [r.clause.reference for r in analysis.results] == [
        "Action 1.1",
        "Action 1.2",
        "Action 1.3",
    ]


def test_the_json_output_is_plain_data_with_the_analyser_version() -> None:
    data = json.loads(analyse_text_command(_PLAN, fmt="json", register="plan"))
    assert data["analyser_version"] == ANALYSER_VERSION
    assert data["register"] == "plan"
    assert data["clauses"][1]["assessment"]["strength"] == "weak"
    assert data["clauses"][1]["assessment"]["hedges"] == ["as appropriate"]
    assert data["summary"]["operative"] == 3


def test_the_text_report_shows_each_clause_and_the_summary() -> None:
    report = analyse_text_command(_PLAN, register="NAP")
    assert "[2] Action 1.2 | WEAK | operative" in report
    assert "Missing: deadline, target, budget, indicator" in report
    assert "Operative clauses that are weak or none: 67%" in report
    assert "Demands" not in report and "Decides" not in report


def test_an_unknown_format_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match="text, json"):
        analyse_text_command(_PLAN, fmt="xml")


def test_an_empty_document_gives_an_empty_report_with_a_note() -> None:
    analysis = analyse_document("")
    assert analysis.results == []
    assert "No clauses found" in render_text(analysis)
