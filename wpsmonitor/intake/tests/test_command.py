"""`wpsmonitor import`: a readable (or JSON) preview, then the import; bad input is a clear
error with exit code 1 and nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from wpsmonitor.commitments.models import Instrument, InstrumentStatus
from wpsmonitor.core.models import HistoryEntry, Organisation
from wpsmonitor.intake.tests.builders import BAD_FILES, build_docx_matrix
from wpsmonitor.intake.tests.test_services import ROWS, ledger_counts, write_plan
from wpsmonitor.testing.shared_data import needs_shared, shared_file

REPO_ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def private_media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def run(*args: str) -> str:
    out = StringIO()
    call_command("import", *args, stdout=out)
    return out.getvalue()


def refused(*args: str) -> tuple[str, str]:
    """The error of a refused import, and what it printed before."""
    out = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import", *args, stdout=out)
    assert caught.value.returncode == 1
    return str(caught.value), out.getvalue()


@needs_shared("resolutions/S-RES-1820-2008.txt")
def test_a_dry_run_of_a_resolution_prints_its_paragraphs_and_writes_nothing(db: None) -> None:
    before = ledger_counts()
    output = run(str(shared_file("resolutions/S-RES-1820-2008.txt")), "--kind", "resolution",
                 "--dry-run")  # fmt: skip
    assert "Paragraphs:  0 preambular, 15 operative" in output
    assert "OP 15" in output and "United Nations Security Council — NEW, proposed" in output
    assert output.rstrip().endswith("Dry run: nothing was written.")
    assert ledger_counts() == before


@needs_shared("resolutions/S-RES-1960-2010.txt")
def test_a_resolution_import_in_json_names_what_was_created(db: None) -> None:
    output = run(str(shared_file("resolutions/S-RES-1960-2010.txt")), "--kind", "resolution",
                 "--create-organisations", "--format", "json")  # fmt: skip
    data = json.loads(output)
    assert data["dry_run"] is False
    assert data["preview"]["operative_count"] == 18
    created = data["created"]
    instrument = Instrument.objects.get(slug=created["instrument"]["slug"])
    assert created["commitments"] == instrument.commitments.count() == 22
    assert created["organisations_created"] == ["United Nations Security Council"]
    assert instrument.source_file.name.startswith("sources/")


def test_a_plan_with_unknown_organisations_is_refused_until_they_are_confirmed(
    scene: Any, tmp_path: Path
) -> None:
    rows = [*ROWS, ("1.3", "Fund shelters", "Shelters", "1", "5", "Agency for Shelters", "", "")]
    path = str(write_plan(tmp_path / "plan.csv", rows))
    before = ledger_counts()
    error, printed = refused(path, "--kind", "plan", "--country", "XK", "--issuer", "MIA")
    assert "“Agency for Shelters”" in error and "--create-organisations" in error
    assert "Agency for Shelters — NEW, proposed" in printed
    assert ledger_counts() == before
    assert not list((tmp_path / "media").rglob("*.csv"))

    output = run(path, "--kind", "plan", "--country", "XK", "--issuer", "MIA",
                 "--create-organisations", "--user", scene.focal_point.username)  # fmt: skip
    assert "Created draft “" in output and "3 commitments, 3 indicators, 1 new organisations" in (
        output
    )
    agency = Organisation.objects.get(name="Agency for Shelters")
    assert HistoryEntry.objects.for_object(agency).get().user == scene.focal_point


def test_the_json_preview_lists_every_warning_with_its_row_and_column(
    db: None, tmp_path: Path
) -> None:
    path = str(build_docx_matrix(tmp_path / "plan.docx"))
    data = json.loads(run(path, "--kind", "plan", "--issuer", "Government", "--dry-run",
                          "--format", "json"))  # fmt: skip
    assert data["dry_run"] is True and data["created"] is None
    assert len(data["preview"]["commitments"]) == 8
    timeline = next(w for w in data["warnings"] if w["column"] == "Timeline" and w["row"] == 6)
    assert timeline["table"] == "table 1"
    assert "sometime soon" in timeline["message"]
    assert timeline["text"].startswith("Table 1, row 6, column “Timeline”")


def test_columns_that_are_not_recognised_are_mapped_with_the_map_option(
    scene: Any, tmp_path: Path
) -> None:
    header = ("Nr", "Was wir tun", "Messgröße", "Wer", "Wann")
    path = str(write_plan(tmp_path / "plan.csv", [("1", "Train police", "Trained", "MIA",
                                                    "2025")], header))  # fmt: skip
    error, _ = refused(path, "--kind", "plan", "--issuer", "MIA")
    assert "no table reads as a results matrix" in error and "2=Was wir tun" in error

    output = run(path, "--kind", "plan", "--issuer", "MIA",
                 "--map", "1=reference,2=action,3=indicator,4=responsible,5=timeline")  # fmt: skip
    assert "Created draft" in output
    instrument = Instrument.objects.exclude(pk=scene.plan.pk).get()
    commitment = instrument.commitments.get()
    assert commitment.text == "Train police"
    assert commitment.responsibilities.get().organisation == scene.ministry


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--map", "3=owner"], "“owner” is not a column role"),
        (["--map", "14=notes"], "Column 14 is chosen, but the widest table has 8 columns"),
        (["--kind", "novel"], "Unknown kind “novel”"),
        (["--user", "nobody"], "there is no user “nobody”"),
        (["--revises", "no-such-plan"], "There is no instrument “no-such-plan”"),
    ],
)
def test_options_that_do_not_fit_are_refused_clearly(
    db: None, tmp_path: Path, args: list[str], message: str
) -> None:
    path = str(write_plan(tmp_path / "plan.csv", ROWS))
    error, _ = refused(path, "--kind", "plan", "--issuer", "MIA", *args)
    assert message in error


def test_re_importing_needs_as_revision_and_revises_adopts_a_new_version(
    scene: Any, tmp_path: Path
) -> None:
    path = str(write_plan(tmp_path / "plan.csv", ROWS))
    base = ["--kind", "plan", "--country", "XK", "--issuer", "MIA"]
    run(path, *base, "--adopt")
    first = Instrument.objects.get(title="plan")
    assert first.status == InstrumentStatus.ADOPTED

    error, printed = refused(path, *base)
    assert "already imported" in error and "--as-revision" in error
    assert "NOTE: this file was already imported" in printed

    run(path, *base, "--as-revision", "--adopt")
    second = Instrument.objects.get(previous_version=first)
    first.refresh_from_db()
    assert second.version == 2 and first.status == InstrumentStatus.SUPERSEDED

    other = str(write_plan(tmp_path / "plan-2027.csv", ROWS[:1]))
    run(other, *base, "--revises", second.slug, "--title", "Plan 2027")
    third = Instrument.objects.get(previous_version=second)
    assert (third.version, third.title, third.status) == (3, "Plan 2027", InstrumentStatus.DRAFT)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_are_refused_naming_the_file_and_nothing_is_written(
    db: None, tmp_path: Path, name: str
) -> None:
    build, _, words = BAD_FILES[name]
    path = build(tmp_path / name)
    before = ledger_counts()
    error, _ = refused(str(path), "--kind", "plan", "--issuer", "MIA")
    assert str(path) in error and words in error
    assert ledger_counts() == before


def test_a_bad_file_in_json_prints_the_error_as_json(db: None, tmp_path: Path) -> None:
    path = BAD_FILES["bomb.docx"][0](tmp_path / "bomb.docx")
    _, printed = refused(str(path), "--kind", "plan", "--format", "json")
    data = json.loads(printed)
    assert "compression bomb" in data["error"] and data["where"] == "word/document.xml"


def test_a_missing_file_is_refused(db: None, tmp_path: Path) -> None:
    error, _ = refused(str(tmp_path / "nothing.docx"), "--kind", "plan")
    assert error.endswith("nothing.docx: no such file")


def test_the_wpsmonitor_command_exits_with_code_1_on_a_bad_file(tmp_path: Path) -> None:
    path = BAD_FILES["entities.docx"][0](tmp_path / "entities.docx")
    env = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        WPS_DATA_DIR=str(tmp_path),
        PYTHONPATH=str(REPO_ROOT),
    )
    result = subprocess.run(
        [sys.executable, "-m", "wpsmonitor.cli", "import", str(path), "--kind", "plan"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO_ROOT,
        timeout=120,
    )
    assert result.returncode == 1
    assert "entities.docx" in result.stderr and "document type declaration" in result.stderr
