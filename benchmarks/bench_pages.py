"""Size and server time of the public pages, on a database already filled with the large data set.

Fill the database first (``wpsmonitor demo --yes --scale N``), then run this with the same
``DATABASE_URL``. For the home page, the largest instrument's page, the commitment of that
instrument with the most published ratings, and the organisation responsible for the most
commitments, it prints the transferred size in bytes and gzipped, the number of queries, and the
server time (p50 and p95 over ``BENCH_REQUESTS`` requests, 20 by default) measured with Django's
test client. Asserts nothing.
"""

from __future__ import annotations

import gzip
import os
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wpsmonitor.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    run(int(os.environ.get("BENCH_REQUESTS", "20")))


def pages() -> list[tuple[str, str]]:
    from django.db.models import Count
    from django.urls import reverse

    from wpsmonitor.commitments.models import Commitment, Instrument, InstrumentStatus
    from wpsmonitor.core.models import Organisation

    instrument = (
        Instrument.objects.public().annotate(n=Count("commitments")).order_by("-n", "id").first()
    )
    if instrument is None:
        return []
    commitment = (
        Commitment.objects.filter(instrument=instrument)
        .annotate(n=Count("updates"))
        .order_by("-n", "id")
        .first()
    )
    organisation = (
        Organisation.objects.filter(
            responsibilities__commitment__instrument__status=InstrumentStatus.ADOPTED
        )
        .annotate(n=Count("responsibilities"))
        .order_by("-n", "id")
        .first()
    )
    found = [
        ("home", reverse("home")),
        ("instrument", reverse("instrument", args=[instrument.slug])),
    ]
    if commitment is not None:
        found.append(("commitment", reverse("commitment", args=[commitment.pk])))
    if organisation is not None:
        found.append(("organisation", reverse("organisation", args=[organisation.slug])))
    return found


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


class _Counter:
    """A database execute wrapper that notes every statement."""

    def __init__(self, into: list[str]) -> None:
        self.into = into

    def __call__(self, execute, sql, params, many, context):  # noqa: ANN001, ANN204
        self.into.append(sql)
        return execute(sql, params, many, context)


def run(requests: int) -> None:
    from django.db import connection
    from django.test import Client

    from wpsmonitor.commitments.models import Commitment, Instrument

    print(
        f"Database: {connection.vendor} {connection.settings_dict.get('NAME')}; "
        f"{Instrument.objects.public().count()} public instruments, "
        f"{Commitment.objects.count()} commitments; {requests} requests per page."
    )
    targets = pages()
    if not targets:
        print("No public instrument: fill the database with `wpsmonitor demo --yes --scale N`.")
        return
    client = Client()
    header = f"{'page':<13}{'bytes':>10}{'gzip':>9}{'queries':>9}{'p50 ms':>9}{'p95 ms':>9}  url"
    print(header)
    print("-" * len(header))
    for name, url in targets:
        executed: list[str] = []
        with connection.execute_wrapper(_Counter(executed)):
            response = client.get(url)
        body = response.content
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        print(
            f"{name:<13}{len(body):>10}{len(gzip.compress(body)):>9}"
            f"{len(executed):>9}{statistics.median(times):>9.1f}"
            f"{percentile(times, 0.95):>9.1f}  {url}"
        )


if __name__ == "__main__":
    main()
