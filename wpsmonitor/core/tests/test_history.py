import pytest

from wpsmonitor.commitments import services
from wpsmonitor.core.models import HistoryEntry, HistoryIsAppendOnly


def test_every_write_through_a_service_is_recorded_with_before_and_after(scene):
    commitment = scene.commitments[0]
    report = scene.self_report()
    services.update_record(
        report=report, commitment=commitment, status="limited", by=scene.focal_point
    )
    update = report.updates.get()
    services.update_record(
        report=report,
        commitment=commitment,
        status="substantial",
        narrative="Half the municipalities",
        by=scene.focal_point,
    )
    entries = list(HistoryEntry.objects.for_object(update).order_by("id"))
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[1].before["status"] == "limited"
    assert entries[1].after["status"] == "substantial"
    assert entries[1].user == scene.focal_point
    assert entries[1].username == scene.focal_point.username


def test_history_entries_cannot_be_changed_or_deleted(scene):
    entry = HistoryEntry.objects.first()
    entry.reason = "rewritten"
    with pytest.raises(HistoryIsAppendOnly):
        entry.save()
    with pytest.raises(HistoryIsAppendOnly):
        entry.delete()
    with pytest.raises(HistoryIsAppendOnly):
        HistoryEntry.objects.all().delete()
    with pytest.raises(HistoryIsAppendOnly):
        HistoryEntry.objects.update(reason="x")
