"""Speed of a full shadow report for a 300-commitment plan, in each format.

Builds an adopted plan of 300 commitments monitored for two years (government and civil-society
reports published each year, with narratives, evidence, indicator values, budget lines and a
reply) into a temporary SQLite database, with the same builders the tests use. Then prints, for
DOCX, PDF and HTML, the time of the data step (the query step building the ``ShadowReport``) and
of the render step separately, the number of queries of the data step, and the file size. The
aim is under 10 s for each step. Asserts nothing.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

COMMITMENTS = 300
YEARS = (2023, 2024)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="wps-bench-reports-") as tmp:
        os.environ["WPS_DATA_DIR"] = tmp
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        os.environ["MEDIA_ROOT"] = str(Path(tmp) / "media")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wpsmonitor.settings")
        os.environ["LOG_LEVEL"] = "WARNING"
        import django

        django.setup()
        run()


def run() -> None:
    import datetime as dt

    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wpsmonitor.core.models import OrganisationKind, Role
    from wpsmonitor.reports.render import render
    from wpsmonitor.reports.shadow import build_shadow_report
    from wpsmonitor.testing import builders

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    ministry = builders.organisation("Ministry of Internal Affairs")
    cso = builders.organisation("Women's Network", kind=OrganisationKind.CSO_NETWORK)
    focal = builders.person(organisation=ministry, role=Role.FOCAL_POINT)
    monitor = builders.person(organisation=cso, role=Role.CSO_MONITOR)
    monitored = builders.MonitoredPlan(
        ministry=ministry,
        cso=cso,
        focal_point=focal,
        monitor=monitor,
        n_commitments=COMMITMENTS,
        years=YEARS,
        title="Benchmark National Action Plan",
    )
    built = time.perf_counter() - started
    print(f"built a {COMMITMENTS}-commitment plan, {len(YEARS)} years, in {built:.1f} s")
    period = monitored.periods[-1]
    today = dt.date(2025, 1, 31)
    print(f"{'format':<7} {'data step':>10} {'queries':>8} {'render':>9} {'size':>10}")
    for fmt in ("docx", "pdf", "html"):
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            report = build_shadow_report(monitored.plan, period, today=today)
            data_s = time.perf_counter() - t0
        t1 = time.perf_counter()
        content = render(report, fmt)
        render_s = time.perf_counter() - t1
        print(
            f"{fmt:<7} {data_s:>9.2f}s {len(ctx.captured_queries):>8} {render_s:>8.2f}s "
            f"{len(content) / 1024:>8.0f} KB"
        )
    print("aim: under 10 s for each step")


if __name__ == "__main__":
    main()
