"""`wpsmonitor analyse FILE` grades a real resolution, a Word file and standard input."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from wpsmonitor.testing.shared_data import needs_shared, shared_file

RESOLUTION = "resolutions/S-RES-1820-2008.txt"


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("analyse", *args, stdout=out)
    return out.getvalue()


@needs_shared(RESOLUTION)
def test_the_text_report_of_resolution_1820_grades_each_operative_paragraph() -> None:
    report = _run(str(shared_file(RESOLUTION)))
    assert report.startswith("Commitment language report")
    assert "register: resolution" in report
    assert "] OP 1 | NONE | operative" in report  # "Stresses that ... can exacerbate"
    assert "| BINDING | operative" in report  # "Demands the immediate and complete cessation"
    assert "Summary" in report and "Operative clauses that are weak or none:" in report


@needs_shared(RESOLUTION)
def test_the_json_report_of_resolution_1820_lists_its_operative_clauses_and_a_summary() -> None:
    data = json.loads(_run(str(shared_file(RESOLUTION)), "--format", "json"))
    operative = [c for c in data["clauses"] if c["kind"] == "operative"]
    assert len(operative) >= 15
    assert data["register"] == "resolution"
    assert data["summary"]["operative"] == len(operative)
    assert set(data["summary"]["distribution"]) == {"binding", "strong", "moderate", "weak", "none"}
    assert {c["assessment"]["strength"] for c in operative} >= {"binding", "strong"}
    assert all(c["reference"] for c in operative)


def test_a_word_document_is_read_through_the_intake_readers(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "plan.docx"
    document = docx.Document()
    document.add_heading("Action plan", level=1)
    document.add_paragraph("The Ministry of Justice will train 200 judges by 2026.")
    document.add_paragraph("The Kosovo Police may consider a hotline, where possible.")
    document.save(str(path))
    data = json.loads(_run(str(path), "--format", "json", "--register", "plan"))
    strengths = [c["assessment"]["strength"] for c in data["clauses"] if c["kind"] == "operative"]
    assert strengths == ["strong", "weak"]
    assert data["clauses"][-2]["assessment"]["elements"]["deadline"] == "by 2026"


def test_standard_input_is_read_when_the_file_is_a_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("States Parties shall report every four years."))
    report = _run("-", "--register", "treaty")
    assert "| BINDING | operative" in report
    assert "deadline: 'every four years'" in report


def test_a_missing_file_and_an_empty_text_are_refused_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(CommandError, match="no such file"):
        _run(str(tmp_path / "absent.txt"))
    monkeypatch.setattr(sys, "stdin", io.StringIO("  \n"))
    with pytest.raises(CommandError, match="no text"):
        _run("-")


def test_a_file_the_readers_refuse_is_reported_as_a_command_error(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(b"not a word file")
    with pytest.raises(CommandError, match="plan.docx"):
        _run(str(path))
