from __future__ import annotations

import io
import json

import docx
import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_report_writes_a_docx_of_the_latest_published_period(monitored, tmp_path):
    out = tmp_path / "report.docx"
    call_command(
        "report", monitored.plan.slug, "--format", "docx", "-o", str(out), stdout=io.StringIO()
    )
    document = docx.Document(str(out))
    assert document.paragraphs[0].text.endswith(", 2024")


def test_report_takes_the_instrument_id_a_period_a_language_and_recommendations(
    monitored, tmp_path
):
    recs = tmp_path / "recs.txt"
    recs.write_text("Financoni strehimoret.\n", encoding="utf-8")
    out = tmp_path / "report.html"
    call_command(
        "report",
        str(monitored.plan.pk),
        "--period",
        "2023",
        "--format",
        "html",
        "-o",
        str(out),
        "--language",
        "sq",
        "--recommendations",
        str(recs),
        stdout=io.StringIO(),
    )
    page = out.read_text(encoding="utf-8")
    assert 'lang="sq"' in page and ", 2023</h1>" in page
    assert "<li>Financoni strehimoret.</li>" in page


@pytest.mark.parametrize(
    "args,message",
    [
        (["no-such-plan", "--format", "pdf"], "No adopted instrument"),
        (["{plan}", "--format", "odt"], "Unknown format"),
        (["{plan}", "--format", "pdf", "--language", "de"], "Unknown language"),
        (["{plan}", "--format", "pdf", "--period", "1990"], "no reporting period"),
        (["{plan}", "--format", "pdf", "--recommendations", "/nonexistent"], "recommendations"),
    ],
)
def test_report_gives_clear_errors(monitored, tmp_path, args, message):
    args = [a.format(plan=monitored.plan.slug) for a in args]
    with pytest.raises(CommandError, match=message):
        call_command("report", *args, "-o", str(tmp_path / "x"), stdout=io.StringIO())


def test_report_refuses_an_instrument_without_published_reports(scene, tmp_path):
    with pytest.raises(CommandError, match="no published reports"):
        call_command(
            "report",
            scene.plan.slug,
            "--format",
            "html",
            "-o",
            str(tmp_path / "x.html"),
            stdout=io.StringIO(),
        )


@pytest.mark.parametrize("fmt,suffix", [("csv", "zip"), ("xlsx", "xlsx"), ("json", "json")])
def test_export_writes_the_published_ledger(monitored, tmp_path, fmt, suffix):
    out = tmp_path / f"ledger.{suffix}"
    call_command("export", "--format", fmt, "-o", str(out), stdout=io.StringIO())
    assert out.stat().st_size > 0


def test_export_prints_json_and_the_data_dictionary(monitored):
    stdout = io.StringIO()
    call_command("export", "--format", "json", "-o", "-", stdout=stdout)
    assert "commitments" in json.loads(stdout.getvalue())["tables"]
    stdout = io.StringIO()
    call_command("export", "--data-dictionary", stdout=stdout)
    assert "### `budget_lines`" in stdout.getvalue()


def test_export_refuses_an_unknown_format(db):
    with pytest.raises(CommandError, match="Unknown format"):
        call_command("export", "--format", "odt", stdout=io.StringIO())
