"""Speed of the commitment-language analyser on one core.

Prints clauses per second over every English document in ../shared/data (resolutions/*.txt,
other/*.md, other/*.txt) and ../shared/context/*.txt, next to a bare pass that only splits the
same text into sentences with one regular expression; then the time to analyse a synthetic
100-page plan. The plan is built from the clauses of those documents: taken in turn, each
numbered as a paragraph, with the year and the responsible body varied, until it holds about
50,000 words (100 pages of 500 words).

Every round starts with empty caches (``clear_caches``), so repeated clauses are analysed again;
figures are medians over the rounds, printed with the load average because other work on the
machine slows them down.
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from wpsmonitor.language import analyse_document, clauses, clear_caches  # noqa: E402

_SENTENCE = re.compile(r"(?<=[.;!?])\s+")
_BODIES = ("The Ministry of Defence", "The Kosovo Police", "The Agency for Gender Equality")


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


def clauses_per_second(texts: list[str], rounds: int) -> tuple[float, float, float, int]:
    """Median, slowest and fastest rate over the rounds, and the clauses in one round."""
    rates, count = [], 0
    for _ in range(rounds):
        clear_caches()
        start = time.perf_counter()
        count = sum(len(analyse_document(text).results) for text in texts)
        rates.append(count / (time.perf_counter() - start))
    return statistics.median(rates), min(rates), max(rates), count


def bare_sentences_per_second(texts: list[str], rounds: int) -> float:
    count, start = 0, time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            count += sum(1 for s in _SENTENCE.split(text) if s.strip())
    return count / (time.perf_counter() - start)


def plan_seconds(plan: str, rounds: int) -> tuple[float, int]:
    """Median time to analyse the synthetic plan from empty caches, and its clause count."""
    times, count = [], 0
    for _ in range(rounds):
        clear_caches()
        start = time.perf_counter()
        count = len(analyse_document(plan, "plan").results)
        times.append(time.perf_counter() - start)
    return statistics.median(times), count


def main() -> None:
    texts = documents()
    if not texts:
        print(f"no documents found under {shared_dir()}")
        return
    rounds = int(os.environ.get("BENCH_ROUNDS", "15"))
    analyse_document(texts[0])  # load and compile the lexicon outside the timing
    rate, slowest, fastest, per_round = clauses_per_second(texts, rounds)
    bare = bare_sentences_per_second(texts, rounds)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"Load average (1, 5, 15 min): {load}; {os.cpu_count()} cores; {rounds} rounds")
    print(
        f"Documents: {len(texts)}, {sum(len(t.split()) for t in texts)} words, {per_round} clauses"
    )
    print(
        f"Analyser: {rate:,.0f} clauses/s median (range {slowest:,.0f}-{fastest:,.0f};"
        " split, assess, explain, suggest; one core, empty caches)"
    )
    print(f"Bare regex sentence split: {bare:,.0f} sentences/s")
    print(f"Ratio bare/analyser: {bare / rate:,.1f}x")
    plan = synthetic_plan(texts)
    seconds, count = plan_seconds(plan, rounds=max(3, rounds // 3))
    print(
        f"Synthetic 100-page plan ({len(plan.split()):,} words, {count:,} clauses):"
        f" {seconds:.2f} s median"
    )


if __name__ == "__main__":
    main()
