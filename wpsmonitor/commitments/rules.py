"""Rules that need no database: how periods combine and how small counts are suppressed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

INCREMENTAL = "incremental"
CUMULATIVE = "cumulative"
LATEST = "latest"


@dataclass(frozen=True)
class PeriodValue:
    period_label: str
    value: Decimal | None  # None: missing, with a reason kept elsewhere


def combine(aggregation: str, values: Sequence[PeriodValue]) -> Decimal | None:
    """The total of period values (given in period order) by the indicator's rule.

    Incremental values add up; a cumulative series reports a running total, so the total is
    the last reported value; a "latest" series keeps its most recent value. Missing values are
    skipped; with none reported the total is None.
    """
    reported = [v.value for v in values if v.value is not None]
    if not reported:
        return None
    if aggregation == INCREMENTAL:
        return sum(reported, Decimal(0))
    if aggregation in (CUMULATIVE, LATEST):
        return reported[-1]
    raise ValueError(f"unknown aggregation rule: {aggregation!r}")


def running_totals(aggregation: str, values: Sequence[PeriodValue]) -> list[Decimal | None]:
    """The total as it stood at the end of each period."""
    return [combine(aggregation, values[: i + 1]) for i in range(len(values))]


def suppressed(value: Decimal | None, *, threshold: int) -> str | None:
    """``"<threshold"`` for a count below the threshold (zero included), else None."""
    if value is None:
        return None
    if value < threshold:
        return f"<{threshold}"
    return None


def public_display(value: Decimal | None, *, confidential: bool, threshold: int) -> str | None:
    """A value as public output shows it: small confidential counts become ``"<5"``."""
    if value is None:
        return None
    if confidential:
        hidden = suppressed(value, threshold=threshold)
        if hidden is not None:
            return hidden
    normalised = value.normalize()
    text = format(normalised, "f")
    return text
