"""API and page latency on the large data set, served by `wpsmonitor serve` (waitress).

Builds the demo plus the synthetic data set (BENCH_SCALE countries × 200 commitments × 6
periods; default 5, use 100 for the full figure) in a temporary SQLite database, starts the
server on a free loopback port, and times sequential requests on one keep-alive connection:
p50 and p95 per endpoint, and the ratio of each p50 to that of a bare Django view (/healthz)
on the same server. Bounded loops (BENCH_REQUESTS requests, or BENCH_SECONDS per endpoint once
five are timed); it stops the server and deletes the data when done.
Asserts nothing. Endpoints that answer 404 (not built yet) are reported as such.

    BENCH_SCALE=100 BENCH_REQUESTS=50 python benchmarks/bench_api.py
"""

from __future__ import annotations

import http.client
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCALE = int(os.environ.get("BENCH_SCALE", "5"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "40"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "20"))  # per endpoint, after 5 samples
MIN_SAMPLES = 5
WARMUP = 3
START_TIMEOUT = 60.0


@dataclass
class Result:
    label: str
    path: str
    status: int
    p50_ms: float | None = None
    p95_ms: float | None = None
    size: int = 0
    samples: int = 0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def wpsmonitor(*args: str) -> list[str]:
    return [sys.executable, "-m", "wpsmonitor.cli", *args]


def wait_until_up(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with code {server.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not answer within a minute")


def measure(port: int, label: str, path: str) -> Result:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        timings: list[float] = []
        status, size = 0, 0
        began = time.perf_counter()
        for i in range(WARMUP + REQUESTS):
            if len(timings) >= MIN_SAMPLES and time.perf_counter() - began > SECONDS:
                break
            started = time.perf_counter()
            conn.request("GET", path, headers={"Accept": "application/json, text/html"})
            response = conn.getresponse()
            body = response.read()
            elapsed = (time.perf_counter() - started) * 1000
            status, size = response.status, len(body)
            if status >= 400:
                return Result(label, path, status, size=size)
            if i >= WARMUP:
                timings.append(elapsed)
        return Result(
            label,
            path,
            status,
            percentile(timings, 0.5),
            percentile(timings, 0.95),
            size,
            len(timings),
        )
    finally:
        conn.close()


def targets(database: Path) -> list[tuple[str, str]]:
    """The endpoints to time, with ids picked from the benchmark database."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        country, slug, plan_id = db.execute(
            "SELECT country, slug, id FROM commitments_instrument WHERE slug LIKE 'bench-%' "
            "ORDER BY country LIMIT 1"
        ).fetchone()
        (commitment_id,) = db.execute(
            "SELECT id FROM commitments_commitment WHERE instrument_id = ? ORDER BY id "
            "LIMIT 1 OFFSET 100",
            (plan_id,),
        ).fetchone()
        (org_slug,) = db.execute(
            "SELECT slug FROM core_organisation WHERE slug LIKE 'bench-%' ORDER BY slug LIMIT 1"
        ).fetchone()
    return [
        ("bare Django view", "/healthz"),
        ("API instruments", "/api/v1/instruments"),
        ("API commitments by country", f"/api/v1/commitments?country={country}"),
        ("API one commitment", f"/api/v1/commitments/{commitment_id}"),
        ("API indicators", "/api/v1/indicators"),
        ("API organisations", "/api/v1/organisations"),
        ("page: home", "/"),
        ("page: instrument (200 commitments)", f"/instruments/{slug}/"),
        ("page: commitment", f"/commitments/{commitment_id}/"),
        ("page: organisation", f"/organisations/{org_slug}/"),
    ]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="wpsmonitor-bench-api-") as tmp:
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "MEDIA_ROOT"}}
        env.update(
            WPS_DATA_DIR=tmp,
            DJANGO_SETTINGS_MODULE="wpsmonitor.settings",
            DEBUG="false",
            LOG_LEVEL="WARNING",
            PYTHONPATH=str(ROOT),
        )
        print(
            f"building the data set: demo + {SCALE} countries × 200 commitments × 6 periods",
            flush=True,
        )
        started = time.perf_counter()
        subprocess.run(
            wpsmonitor("demo", "--yes", "--scale", str(SCALE)),
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        database = Path(tmp) / "wpsmonitor.sqlite3"
        print(
            f"built in {time.perf_counter() - started:.1f} s "
            f"({database.stat().st_size / 1e6:.0f} MB SQLite)",
            flush=True,
        )
        port = free_port()
        server = subprocess.Popen(
            wpsmonitor(
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--threads",
                "4",
                "--no-collectstatic",
            ),
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(port, server)
            results = [measure(port, label, path) for label, path in targets(database)]
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    report(results)


def report(results: list[Result]) -> None:
    base = results[0].p50_ms or 1.0
    print(
        f"\nup to {REQUESTS} sequential requests per endpoint (at most {SECONDS:.0f} s each) "
        f"after {WARMUP} warm-up; waitress, SQLite, {SCALE} countries"
    )
    print(
        f"{'endpoint':38} {'status':>6} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'× bare':>8} "
        f"{'bytes':>9}"
    )
    for r in results:
        if r.p50_ms is None:
            note = "not found (not built yet?)" if r.status == 404 else "error"
            print(f"{r.label:38} {r.status:>6} {'':4} {note}")
            continue
        print(
            f"{r.label:38} {r.status:>6} {r.samples:4d} {r.p50_ms:8.1f} {r.p95_ms:8.1f} "
            f"{r.p50_ms / base:8.1f} {r.size:9d}"
        )


if __name__ == "__main__":
    main()
