"""The synthetic benchmark data set: the expected number of valid rows, fast."""

from __future__ import annotations

from wpsmonitor.commitments.models import (
    Commitment,
    IndicatorValue,
    Instrument,
    ProgressReport,
    ProgressUpdate,
    ReportStatus,
)
from wpsmonitor.core.models import HistoryEntry
from wpsmonitor.demo import scale


def test_a_tiny_scale_produces_the_expected_row_counts(db) -> None:
    result = scale.generate(countries=2, commitments_per_country=5, periods=6)
    assert result.countries == 2
    assert Instrument.objects.count() == result.instruments == 2
    assert Commitment.objects.count() == result.commitments == 10
    assert ProgressReport.objects.filter(status=ReportStatus.PUBLISHED).count() == 2 * 6 * 2
    assert ProgressUpdate.objects.count() == result.updates == 2 * 5 * 6 * 2
    # 5 commitments give 2 indicators each: self values for both, shadow values for one.
    assert result.indicators == 4
    assert IndicatorValue.objects.count() == result.values == 2 * 6 * (2 + 1)
    assert HistoryEntry.objects.count() == 0


def test_countries_are_distinct_and_leave_out_the_demo_country(db) -> None:
    codes = scale.country_codes(100)
    assert len(set(codes)) == 100
    assert "XV" not in codes and "XK" not in codes


def test_every_commitment_carries_an_assessment(db) -> None:
    scale.generate(countries=1, commitments_per_country=12, periods=2)
    assert not Commitment.objects.filter(strength="").exists()
    assert not Commitment.objects.filter(analyser_version="").exists()
