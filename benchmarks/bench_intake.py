"""How long importing a 100-page action plan takes: the preview, then the commit.

Builds a Word plan of 100 pages with 500 actions in a results matrix (the same document as
``bench_readers.py``), then into a temporary SQLite database runs ``import_preview`` (read,
parse, match organisations) and ``import_commit`` (one transaction: the instrument, 500
commitments graded by the analyser, their indicators, responsibilities, new organisations and
history entries). Prints the preview time, the commit time and the total; the aim is under
10 s in all. Asserts nothing. Run: ``python benchmarks/bench_intake.py``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="wps-bench-intake-") as tmp:
        os.environ["WPS_DATA_DIR"] = tmp
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        os.environ["MEDIA_ROOT"] = str(Path(tmp) / "media")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wpsmonitor.settings")
        os.environ["LOG_LEVEL"] = "WARNING"
        import django

        django.setup()
        run(Path(tmp))


def run(tmp: Path) -> None:
    from bench_readers import ACTIONS, PAGES, build_docx_plan
    from django.core.management import call_command
    from django.db import connection

    from wpsmonitor.core.models import HistoryEntry, OrganisationKind
    from wpsmonitor.intake import services
    from wpsmonitor.testing import builders

    call_command("migrate", verbosity=0)
    builders.organisation("Government of Veridia", country="XV")
    builders.organisation("Kosovo Police", kind=OrganisationKind.SECURITY, country="XV")
    builders.organisation("Ministry of Justice", country="XV", abbreviation="MoJ")
    user = builders.person("importer")
    path = build_docx_plan(tmp / "plan.docx")
    size = path.stat().st_size / 1024
    print(f"plan: {PAGES} pages, {ACTIONS} actions, {size:.0f} KB")

    options = services.ImportOptions(kind="plan", country="XV", issuer="Government of Veridia")
    started = time.perf_counter()
    preview = services.import_preview(path=path, options=options)
    preview_time = time.perf_counter() - started
    print(
        f"preview: {preview_time:.2f} s — {len(preview.commitments)} commitments, "
        f"{preview.indicator_count} indicators, {len(preview.proposed)} organisations proposed, "
        f"{len(preview.all_warnings())} warnings"
    )

    history_before = HistoryEntry.objects.count()
    started = time.perf_counter()
    queries = []

    def count(execute, sql, params, many, context):  # noqa: ANN001, ANN202
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        result = services.import_commit(preview=preview, by=user, create_organisations=True)
    commit_time = time.perf_counter() - started
    print(
        f"commit:  {commit_time:.2f} s — {result.commitments} commitments, "
        f"{result.indicators} indicators, "
        f"{HistoryEntry.objects.count() - history_before} history entries, "
        f"{len(queries)} queries"
    )
    total = preview_time + commit_time
    print(f"total:   {total:.2f} s (aim: under 10 s) — {ACTIONS / total:.0f} actions per second")


if __name__ == "__main__":
    main()
