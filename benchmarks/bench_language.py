"""Speed of the commitment-language analyser on one core.

Prints clauses per second over every English document in ../shared/data (resolutions/*.txt,
other/*.md, other/*.txt) and ../shared/context/*.txt, next to a bare pass that only splits the
same text into sentences with one regular expression; then the time to analyse a synthetic
100-page plan. The plan is built from the clauses of those documents: taken in turn, each
numbered as a paragraph, with the year and the responsible body varied, until it holds about
50,000 words (100 pages of 500 words).

Every round starts with empty caches (``clear_caches``), so repeated clauses are analysed again.
The main figure is CPU time (``time.process_time``), which other work on the machine disturbs
much less than wall-clock time; wall-clock figures follow. Both are medians over the rounds,
printed with the load average before and after.
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from wpsmonitor.language import analyse_document, clauses, clear_caches  # noqa: E402

_SENTENCE = re.compile(r"(?<=[.;!?])\s+")
_BODIES = ("The Ministry of Defence", "The Kosovo Police", "The Agency for Gender Equality")


@dataclass(frozen=True)
class Timing:
    """Median, fastest and slowest of several rounds, in CPU and wall-clock seconds."""

    cpu: list[float]
    wall: list[float]

    @staticmethod
    def rate(count: int, seconds: list[float]) -> tuple[float, float, float]:
        """Median, lowest and highest rate for ``count`` items per round."""
        rates = [count / s if s > 0 else float("inf") for s in seconds]
        return statistics.median(rates), min(rates), max(rates)


def shared_dir() -> Path:
    configured = os.environ.get("WPS_SHARED_DATA")
    return Path(configured) if configured else REPO_ROOT.parent / "shared" / "data"


def documents() -> list[str]:
    data = shared_dir()
    paths = sorted(data.glob("resolutions/*.txt")) + sorted(data.glob("other/*.md"))
    paths += sorted(data.glob("other/*.txt")) + sorted((data.parent / "context").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def synthetic_plan(texts: list[str], words: int = 50_000) -> str:
    units = [" ".join(c.text.split()) for text in texts for c in clauses(text)]
    units = [u for u in units if len(u.split()) >= 6]
    paragraphs: list[str] = []
    total, index = 0, 0
    while total < words and units:
        unit = units[index % len(units)]
        year = 2025 + index % 6
        body = _BODIES[index % len(_BODIES)]
        if index % 3 == 0:
            unit = f"{body} will {unit[0].lower()}{unit[1:]} by {year}"
        paragraphs.append(f"{index + 1}. {unit}")
        total += len(unit.split())
        index += 1
    return "\n\n".join(paragraphs)


def analyser_rounds(texts: list[str], rounds: int, register: str | None = None) -> Timing:
    """CPU and wall-clock seconds to analyse every text, each round from empty caches."""
    cpu, wall = [], []
    for _ in range(rounds):
        clear_caches()
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        for text in texts:
            analyse_document(text, register)
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start_wall)
    return Timing(cpu, wall)


def bare_rounds(texts: list[str], rounds: int) -> tuple[Timing, int]:
    """The same timing for a bare sentence split, and the sentences in one round."""
    cpu, wall, count = [], [], 0
    for _ in range(rounds):
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        count = 0
        for text in texts:
            count += sum(1 for s in _SENTENCE.split(text) if s.strip())
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start_wall)
    return Timing(cpu, wall), count


def load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    texts = documents()
    if not texts:
        print(f"no documents found under {shared_dir()}")
        return
    rounds = int(os.environ.get("BENCH_ROUNDS", "15"))
    load_before = load()
    per_round = sum(len(analyse_document(text).results) for text in texts)  # compile the lexicon
    timing = analyser_rounds(texts, rounds)
    bare, sentences = bare_rounds(texts, rounds)
    plan = synthetic_plan(texts)
    plan_clauses = len(analyse_document(plan, "plan").results)
    plan_timing = analyser_rounds([plan], max(3, rounds // 3), "plan")
    load_after = load()

    cpu, cpu_low, cpu_high = Timing.rate(per_round, timing.cpu)
    wall, wall_low, wall_high = Timing.rate(per_round, timing.wall)
    bare_cpu = Timing.rate(sentences, bare.cpu)[0]
    print(
        f"Load average (1, 5, 15 min): {load_before} before, {load_after} after;"
        f" {os.cpu_count()} cores; {rounds} rounds"
    )
    print(
        f"Documents: {len(texts)}, {sum(len(t.split()) for t in texts)} words, {per_round} clauses"
    )
    print(
        f"Analyser, CPU time: {cpu:,.0f} clauses/s median (range {cpu_low:,.0f}-{cpu_high:,.0f};"
        " split, assess, explain, suggest; one core, empty caches)"
    )
    print(
        f"Analyser, wall clock: {wall:,.0f} clauses/s median"
        f" (range {wall_low:,.0f}-{wall_high:,.0f})"
    )
    print(f"Bare regex sentence split, CPU time: {bare_cpu:,.0f} sentences/s")
    print(f"Ratio bare/analyser: {bare_cpu / cpu:,.1f}x")
    print(
        f"Synthetic 100-page plan ({len(plan.split()):,} words, {plan_clauses:,} clauses):"
        f" {statistics.median(plan_timing.cpu):.2f} s CPU, "
        f"{statistics.median(plan_timing.wall):.2f} s wall, medians"
    )


if __name__ == "__main__":
    main()
