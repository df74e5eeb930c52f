"""Score the commitment-language analyser on a labelled set, next to a simple baseline.

Usage: python benchmarks/eval_language.py [path/to/labels.jsonl]
Default: $WPS_SHARED_DATA/language/dev-labels.jsonl, else ../shared/data/language/dev-labels.jsonl.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from wpsmonitor.language import ANALYSER_VERSION  # noqa: E402
from wpsmonitor.language.evaluation import (  # noqa: E402
    Scores,
    analyser_predictions,
    baseline_predictions,
    element_scores,
    load_labels,
    strength_scores,
)


def default_path() -> Path:
    shared = os.environ.get("WPS_SHARED_DATA")
    base = Path(shared) if shared else REPO_ROOT.parent / "shared" / "data"
    return base / "language" / "dev-labels.jsonl"


def print_strength(name: str, scores: Scores) -> None:
    print(f"{name}: macro-F1 {scores.macro_f1:.3f}, accuracy {scores.accuracy:.3f}")
    print(f"  {'class':<10}{'precision':>10}{'recall':>10}{'F1':>10}{'support':>10}")
    for c in scores.per_class:
        print(f"  {c.label:<10}{c.precision:>10.3f}{c.recall:>10.3f}{c.f1:>10.3f}{c.support:>10}")


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else default_path()
    if not path.is_file():
        print(f"labelled set not found at {path}")
        return
    rows = load_labels(path)
    print(f"Labelled clauses: {len(rows)} ({path}); analyser version {ANALYSER_VERSION}")
    print()
    print_strength("Analyser", strength_scores(rows, analyser_predictions))
    print()
    print_strength(
        "Baseline (strongest modal or lead verb)", strength_scores(rows, baseline_predictions)
    )
    print()
    print("Elements (analyser): accuracy, and precision/recall/F1 of 'present'")
    for name, scores in element_scores(rows).items():
        present = scores.per_class[0]
        print(
            f"  {name:<10} accuracy {scores.accuracy:.3f}  P {present.precision:.3f}"
            f"  R {present.recall:.3f}  F1 {present.f1:.3f}  (present in {present.support})"
        )


if __name__ == "__main__":
    main()
