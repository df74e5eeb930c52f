"""Scores for the analyser on a labelled set of clauses (see benchmarks/eval_language.py)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .analyser import assess
from .baseline import baseline_strength
from .lexicon import ELEMENTS, TIERS
from .model import Assessment


@dataclass(frozen=True)
class ClassScore:
    label: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Scores:
    macro_f1: float
    accuracy: float
    per_class: list[ClassScore]


def load_labels(path: Path) -> list[dict[str, Any]]:
    """The labelled clauses of a JSON-lines file, in file order."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def score(gold: list[str], predicted: list[str], labels: Iterable[str] = TIERS) -> Scores:
    """Precision, recall and F1 per label, their unweighted mean (macro-F1) and accuracy."""
    per_class = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if p == label and g != label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class.append(ClassScore(label, precision, recall, f1, tp + fn))
    present = [c for c in per_class if c.support]
    macro = sum(c.f1 for c in present) / len(present) if present else 0.0
    correct = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p)
    return Scores(macro, correct / len(gold) if gold else 0.0, per_class)


def assess_rows(rows: list[dict[str, Any]]) -> list[Assessment]:
    """Assess each labelled clause as the document analysis would: in order, with list items
    taking the strength of the lead-in before them."""
    results: list[Assessment] = []
    lead_in: Assessment | None = None
    previous_doc = None
    for row in rows:
        if row.get("doc") != previous_doc:
            lead_in, previous_doc = None, row.get("doc")
        text = str(row["text"])
        stripped = text.lstrip()
        is_item = stripped.startswith("(") and stripped[1:3].rstrip(")").isalpha()
        assessment = assess(text, parent=lead_in if is_item else None)
        results.append(assessment)
        if text.rstrip().endswith(":"):
            lead_in = assessment
        elif not is_item:
            lead_in = None
    return results


def strength_scores(
    rows: list[dict[str, Any]], predict: Callable[[list[dict[str, Any]]], list[str]]
) -> Scores:
    gold = [str(row["strength"]) for row in rows]
    return score(gold, predict(rows))


def analyser_predictions(rows: list[dict[str, Any]]) -> list[str]:
    return [a.strength for a in assess_rows(rows)]


def baseline_predictions(rows: list[dict[str, Any]]) -> list[str]:
    return [baseline_strength(str(row["text"])) for row in rows]


def element_scores(rows: list[dict[str, Any]]) -> dict[str, Scores]:
    """Accuracy and F1 of the 'present' class for each element and for hedges."""
    assessments = assess_rows(rows)
    out: dict[str, Scores] = {}
    for name in (*ELEMENTS, "hedge"):
        gold = ["yes" if row.get(name) else "no" for row in rows]
        if name == "hedge":
            predicted = ["yes" if a.hedges else "no" for a in assessments]
        else:
            predicted = ["yes" if a.elements[name] else "no" for a in assessments]
        out[name] = score(gold, predicted, labels=("yes",))
    return out
