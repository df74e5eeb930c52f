from decimal import Decimal

import pytest

from wpsmonitor.commitments.rules import PeriodValue, combine, public_display, running_totals


def series(*values: str | None) -> list[PeriodValue]:
    return [PeriodValue(f"P{i}", None if v is None else Decimal(v)) for i, v in enumerate(values)]


@pytest.mark.parametrize(
    ("rule", "values", "total"),
    [
        ("incremental", ("3", "4", "5"), "12"),
        ("incremental", ("3", None, "5"), "8"),
        ("cumulative", ("3", "7", "12"), "12"),
        ("cumulative", ("3", "7", None), "7"),
        ("latest", ("40", "35", "45.5"), "45.5"),
        ("latest", ("40", None, None), "40"),
    ],
)
def test_totals_are_computed_from_period_values_by_the_indicator_rule(rule, values, total):
    assert combine(rule, series(*values)) == Decimal(total)


def test_a_series_with_nothing_reported_has_no_total():
    assert combine("incremental", series(None, None)) is None


def test_an_unknown_rule_is_refused():
    with pytest.raises(ValueError, match="unknown aggregation"):
        combine("average", series("1"))


def test_running_totals_show_the_total_at_the_end_of_each_period():
    assert running_totals("incremental", series("2", "3", None, "1")) == [
        Decimal(2),
        Decimal(5),
        Decimal(5),
        Decimal(6),
    ]


@pytest.mark.parametrize(
    ("value", "confidential", "shown"),
    [
        ("0", True, "<5"),
        ("3", True, "<5"),
        ("4", True, "<5"),
        ("5", True, "5"),
        ("12", True, "12"),
        ("3", False, "3"),
        ("2.50", False, "2.5"),
    ],
)
def test_small_confidential_counts_are_suppressed_in_public_output(value, confidential, shown):
    assert public_display(Decimal(value), confidential=confidential, threshold=5) == shown
