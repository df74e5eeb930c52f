import datetime as dt
from decimal import Decimal

import pytest

from wpsmonitor.commitments import queries, services
from wpsmonitor.commitments.exceptions import (
    DomainError,
    InstrumentFrozen,
    InvalidValue,
    NotAllowed,
    PeriodNotOpen,
    ReportNotEditable,
)
from wpsmonitor.commitments.models import (
    Commitment,
    Indicator,
    IndicatorValue,
    Instrument,
    InstrumentStatus,
    ProgressUpdate,
    ReportKind,
    ReportStatus,
    Sensitivity,
)
from wpsmonitor.core.models import HistoryEntry, OrganisationKind, Role
from wpsmonitor.testing import builders

# --- instruments: adopted means frozen; a revision keeps lineage -------------------------------


def test_editing_an_adopted_instrument_fails_with_a_clear_error(scene):
    with pytest.raises(InstrumentFrozen, match="frozen.*revision"):
        services.instrument_update(instrument=scene.plan, title="Changed", by=scene.focal_point)
    with pytest.raises(InstrumentFrozen):
        services.commitment_update(
            commitment=scene.commitments[0], text="Weaker words", by=scene.focal_point
        )
    with pytest.raises(InstrumentFrozen):
        builders.commitment(scene.plan)
    scene.plan.refresh_from_db()
    assert scene.plan.title != "Changed"


def test_a_revision_is_a_new_version_that_keeps_each_commitment_and_indicator_lineage(scene):
    revision = services.instrument_revise(instrument=scene.plan, by=scene.focal_point)
    assert revision.version == 2 and revision.status == InstrumentStatus.DRAFT
    assert revision.lineage == scene.plan.lineage
    old = {c.lineage: c for c in scene.plan.commitments.all()}
    new = list(revision.commitments.all())
    assert len(new) == len(old)
    for c in new:
        assert c.previous == old[c.lineage]
        assert set(c.organisations.all()) == set(old[c.lineage].organisations.all())
    old_ind = scene.indicator
    new_ind = Indicator.objects.get(commitment__instrument=revision)
    assert new_ind.lineage == old_ind.lineage and new_ind.previous == old_ind
    services.commitment_update(
        commitment=new[0],
        text="The Ministry shall train 200 officers by 2026.",
        by=scene.focal_point,
    )
    services.instrument_adopt(instrument=revision, by=scene.focal_point, on=dt.date(2025, 1, 1))
    scene.plan.refresh_from_db()
    assert scene.plan.status == InstrumentStatus.SUPERSEDED
    with pytest.raises(DomainError, match="already has a revision"):
        services.instrument_revise(instrument=scene.plan, by=scene.focal_point)


def test_commitments_carry_the_analysers_assessment_and_are_regraded_when_text_changes(db):
    plan = builders.instrument()
    c = builders.commitment(plan, "The Ministry will consider, as appropriate, measures.")
    assert c.strength == "weak" and c.analyser_version
    services.commitment_update(
        commitment=c, by=builders.system_user(), text="The Ministry shall adopt measures by 2026."
    )
    c.refresh_from_db()
    assert c.strength == "binding"
    assert c.assessment["strength"] == "binding"


# --- who may write which report --------------------------------------------------------------


def test_a_focal_point_writes_its_own_organisations_self_report(scene):
    report = scene.self_report({scene.commitments[0]: "limited"})
    assert report.updates.get().status == "limited"


def test_a_focal_point_cannot_write_another_organisations_report(scene):
    with pytest.raises(NotAllowed):
        services.report_create(
            period=scene.period,
            organisation=scene.ministry,
            kind=ReportKind.SELF,
            by=scene.other_focal_point,
        )
    report = scene.self_report()
    with pytest.raises(NotAllowed):
        services.update_record(
            report=report,
            commitment=scene.commitments[0],
            status="complete",
            by=scene.other_focal_point,
        )


@pytest.mark.parametrize("persona", ["focal_point", "viewer", "outsider"])
def test_nobody_but_civil_society_writes_a_shadow_report(scene, persona):
    with pytest.raises(NotAllowed):
        services.report_create(
            period=scene.period,
            organisation=scene.cso,
            kind=ReportKind.SHADOW,
            by=getattr(scene, persona),
        )


def test_a_ministry_cannot_file_a_shadow_report_even_with_a_monitor_role(scene):
    from wpsmonitor.core.models import Membership

    Membership.objects.create(
        user=scene.focal_point, organisation=scene.ministry, role=Role.CSO_MONITOR
    )
    with pytest.raises(NotAllowed, match="civil-society"):
        services.report_create(
            period=scene.period,
            organisation=scene.ministry,
            kind=ReportKind.SHADOW,
            by=scene.focal_point,
        )


def test_the_government_cannot_edit_a_shadow_report_but_may_attach_a_reply(scene):
    shadow = scene.shadow_report({scene.commitments[0]: "not_started"}, publish=True)
    with pytest.raises((NotAllowed, ReportNotEditable)):
        services.update_record(
            report=shadow, commitment=scene.commitments[0], status="complete", by=scene.focal_point
        )
    reply = services.reply_add(
        report=shadow,
        organisation=scene.ministry,
        text="Training began in March.",
        by=scene.focal_point,
    )
    shadow.refresh_from_db()
    assert shadow.updates.get().status == "not_started"
    assert reply.report == shadow and reply.organisation == scene.ministry


def test_civil_society_cannot_reply_to_itself_and_a_draft_takes_no_reply(scene):
    shadow = scene.shadow_report({scene.commitments[0]: "limited"})
    with pytest.raises(DomainError, match="published"):
        services.reply_add(
            report=shadow, organisation=scene.ministry, text="x", by=scene.focal_point
        )
    with pytest.raises(NotAllowed):
        services.reply_add(report=shadow, organisation=scene.cso, text="x", by=scene.monitor)


# --- the report life cycle and periods --------------------------------------------------------


def test_a_submitted_report_cannot_be_edited_and_publishing_needs_submission(scene):
    report = scene.self_report({scene.commitments[0]: "limited"})
    with pytest.raises(ReportNotEditable, match="submit"):
        services.report_publish(report=report, by=scene.focal_point)
    services.report_submit(report=report, by=scene.focal_point)
    with pytest.raises(ReportNotEditable, match="submitted"):
        services.update_record(
            report=report, commitment=scene.commitments[1], status="complete", by=scene.focal_point
        )
    services.report_publish(report=report, by=scene.focal_point)
    assert report.status == ReportStatus.PUBLISHED and report.published_at


def test_an_empty_report_cannot_be_submitted(scene):
    report = scene.self_report()
    with pytest.raises(DomainError, match="at least one"):
        services.report_submit(report=report, by=scene.focal_point)


def test_a_locked_period_refuses_writes_with_a_message_a_person_understands(scene):
    report = scene.self_report({scene.commitments[0]: "limited"})
    services.period_lock(period=scene.period, by=scene.focal_point)
    report.refresh_from_db()
    with pytest.raises(PeriodNotOpen, match="locked.*reopen"):
        services.update_record(
            report=report, commitment=scene.commitments[0], status="complete", by=scene.focal_point
        )
    assert report.updates.get().status == "limited"


def test_reopening_a_period_needs_a_reason_and_logs_it(scene):
    services.period_close(period=scene.period, by=scene.focal_point)
    with pytest.raises(InvalidValue):
        services.period_reopen(period=scene.period, reason="  ", by=scene.focal_point)
    services.period_reopen(
        period=scene.period, reason="Late data from police", by=scene.focal_point
    )
    entry = HistoryEntry.objects.for_object(scene.period).order_by("-id").first()
    assert entry.reason == "Late data from police"
    assert entry.before["status"] == "closed" and entry.after["status"] == "open"


# --- typed values -----------------------------------------------------------------------------


def test_indicator_values_are_typed_and_a_missing_value_carries_a_reason(scene):
    report = scene.self_report()
    ind = scene.indicator
    with pytest.raises(InvalidValue) as error:
        services.value_record(report=report, indicator=ind, value="about ten", by=scene.focal_point)
    assert error.value.field == "value"
    row = services.value_record(report=report, indicator=ind, value="12", by=scene.focal_point)
    assert row.value == Decimal("12")
    row = services.value_record(
        report=report, indicator=ind, missing_reason="not_collected", by=scene.focal_point
    )
    assert row.value is None and row.missing_reason == "not_collected"
    with pytest.raises(InvalidValue, match="not both"):
        services.value_record(
            report=report,
            indicator=ind,
            value=3,
            missing_reason="not_collected",
            by=scene.focal_point,
        )
    assert IndicatorValue.objects.count() == 1


def test_a_value_for_an_undeclared_disaggregation_is_refused(scene):
    report = scene.self_report()
    with pytest.raises(InvalidValue, match="not disaggregated by sex"):
        services.value_record(
            report=report,
            indicator=scene.indicator,
            value=3,
            disaggregation={"sex": "female"},
            by=scene.focal_point,
        )


def test_a_failed_multi_row_write_leaves_nothing_half_done(scene):
    from django.db import transaction

    report = scene.self_report()
    before = ProgressUpdate.objects.count()
    with pytest.raises(InvalidValue), transaction.atomic():
        services.update_record(
            report=report, commitment=scene.commitments[0], status="limited", by=scene.focal_point
        )
        services.update_record(
            report=report,
            commitment=scene.commitments[1],
            status="nearly there",
            by=scene.focal_point,
        )
    assert ProgressUpdate.objects.count() == before


# --- self and shadow side by side ------------------------------------------------------------


def test_self_and_shadow_statuses_are_returned_together_with_their_gap(scene):
    a, b, c = scene.commitments
    scene.self_report({a: "complete", b: "limited", c: "substantial"}, publish=True)
    scene.shadow_report({a: "limited", b: "limited", c: "no_evidence"}, publish=True)
    ratings = queries.ratings_for([a.pk, b.pk, c.pk])
    assert (ratings[a.pk].self.status, ratings[a.pk].shadow.status) == ("complete", "limited")
    assert ratings[a.pk].gap == 2 and ratings[a.pk].disagree and ratings[a.pk].shadow_lower
    assert ratings[b.pk].gap == 0 and not ratings[b.pk].disagree
    assert ratings[c.pk].gap is None and ratings[c.pk].disagree


def test_only_published_reports_are_public(scene):
    a = scene.commitments[0]
    scene.self_report({a: "complete"})
    assert queries.ratings_for([a.pk])[a.pk].self is None


def test_the_latest_period_wins(scene):
    a = scene.commitments[0]
    scene.self_report({a: "limited"}, publish=True)
    later = builders.period(scene.plan, year=2025)
    builders.report(
        later,
        organisation_=scene.ministry,
        kind=ReportKind.SELF,
        by=scene.focal_point,
        statuses={a: "substantial"},
        publish=True,
    )
    rating = queries.ratings_for([a.pk])[a.pk].self
    assert rating.status == "substantial" and rating.period_label == "2025"


def test_overdue_commitments_are_those_past_deadline_and_not_complete(scene):
    a, b, c = scene.commitments
    Commitment.objects.filter(pk=c.pk).update(deadline=dt.date(2030, 1, 1))
    scene.self_report({a: "complete", b: "substantial"}, publish=True)
    today = dt.date(2025, 1, 1)
    ratings = queries.ratings_for([a.pk, b.pk, c.pk])
    listed = list(Commitment.objects.filter(pk__in=[a.pk, b.pk, c.pk]))
    assert queries.overdue_ids(listed, ratings, today=today) == {b.pk}
    assert set(Commitment.objects.overdue(today)) == {b}
    assert queries.overdue_ids(listed, ratings, today=dt.date(2024, 6, 1)) == set()


# --- indicator totals and suppression ---------------------------------------------------------


def test_indicator_totals_come_from_raw_period_values(scene):
    ind = scene.indicator  # incremental by default
    p2 = builders.period(scene.plan, year=2025)
    scene.self_report(values={ind: 3}, statuses={scene.commitments[0]: "limited"}, publish=True)
    builders.report(
        p2,
        organisation_=scene.ministry,
        kind=ReportKind.SELF,
        by=scene.focal_point,
        statuses={scene.commitments[0]: "limited"},
        values={ind: 4},
        publish=True,
    )
    series = queries.indicator_series([ind])[(ind.pk, ReportKind.SELF)]
    assert [p.value for p in series.points] == [Decimal(3), Decimal(4)]
    assert series.total == Decimal(7)
    Indicator.objects.filter(pk=ind.pk).update(aggregation="cumulative")
    ind.refresh_from_db()
    assert queries.indicator_series([ind])[(ind.pk, ReportKind.SELF)].total == Decimal(4)


def test_confidential_counts_below_five_are_shown_as_less_than_five_in_public(scene):
    ind = scene.indicator
    Indicator.objects.filter(pk=ind.pk).update(sensitivity=Sensitivity.CONFIDENTIAL)
    ind.refresh_from_db()
    assert queries.display_value(ind, Decimal(3), public=True) == "<5"
    assert queries.display_value(ind, Decimal(3), public=False) == "3"
    assert queries.display_value(ind, Decimal(9), public=True) == "9"


def test_shadow_reports_come_only_from_civil_society_organisations(db):
    ministry = builders.organisation(kind=OrganisationKind.MINISTRY)
    assert not ministry.is_civil_society()
    assert builders.organisation(kind=OrganisationKind.WOMENS_ORG).is_civil_society()
    assert Instrument.objects.count() == 0
