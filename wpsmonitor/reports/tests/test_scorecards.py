from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wpsmonitor.commitments import services as ledger
from wpsmonitor.commitments.exceptions import NotAllowed
from wpsmonitor.commitments.models import ReportKind
from wpsmonitor.core.models import HistoryEntry
from wpsmonitor.reports.data import diff_scorecards
from wpsmonitor.reports.scorecards import ScopeNotFound, build_scorecard, resolve_scope
from wpsmonitor.reports.services import snapshot_publish
from wpsmonitor.testing import builders

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def card_of(plan, period: str = ""):  # noqa: ANN001, ANN201
    return build_scorecard(resolve_scope("instrument", plan.slug), period=period, today=TODAY)


def test_statuses_are_counted_for_the_government_and_civil_society_separately(monitored):
    card = card_of(monitored.plan, "2024")
    figures = card.figures()
    assert card.total.value == 8
    assert figures["self.complete"].value == 2
    assert figures["self.substantial"].value == 2
    assert figures["shadow.complete"].value == 2
    assert figures["shadow.not_started"].value == 4
    assert card.share_complete == "25.0"


def test_each_figure_names_the_commitments_it_counts(monitored):
    card = card_of(monitored.plan, "2024")
    lower = card.shadow_lower
    expected = [c for i, c in enumerate(monitored.commitments) if i % 4 in (1, 2)]
    assert lower.ids == [c.pk for c in expected]
    assert lower.refs == [c.reference for c in expected]
    assert card.disagree.value == lower.value


def test_overdue_counts_passed_deadlines_not_complete(monitored):
    card = card_of(monitored.plan)
    # even commitments are due 2024-06-30; those at i % 4 == 0 are complete
    assert set(card.overdue.refs) == {
        c.reference for i, c in enumerate(monitored.commitments) if i % 4 == 2
    }


def test_wording_strength_comes_from_the_analyser(monitored):
    card = card_of(monitored.plan)
    strengths = {f.key: f.value for f in card.strength}
    assert sum(strengths.values()) == 8
    assert strengths["strength.weak"] == 2
    assert strengths["strength.none"] == 2


def test_budget_is_totalled_for_the_period_years_only(monitored):
    per_year = card_of(monitored.plan, "2024").budget
    overall = card_of(monitored.plan).budget
    assert (per_year[0].allocated, per_year[0].spent) == ("10000.00", "2500.00")
    assert overall[0].allocated == "20000.00"
    assert overall[0].refs == [monitored.commitments[0].reference]


def test_indicator_progress_is_measured_against_the_target(monitored):
    card = card_of(monitored.plan)
    public = next(i for i in card.indicators if i.indicator_id == monitored.public_indicator.pk)
    assert public.self_value == "80"  # incremental: 40 + 40
    assert public.shadow_value == "60"
    assert public.progress_pct == "40.0"


def test_confidential_small_counts_are_suppressed_and_restricted_indicators_left_out(monitored):
    card = card_of(monitored.plan, "2023")
    by_id = {i.indicator_id: i for i in card.indicators}
    secret = by_id[monitored.confidential_indicator.pk]
    assert secret.self_value == "<5"
    assert secret.progress_pct is None
    assert monitored.restricted_indicator.pk not in by_id


def test_draft_reports_do_not_count(scene):
    scene.self_report({scene.commitments[0]: "complete"}, publish=False)
    card = card_of(scene.plan)
    assert card.complete.value == 0
    assert card.figures()["self.not_reported"].value == 3


@pytest.mark.parametrize("scope,key", [("pillar", "participation"), ("country", "XV")])
def test_scorecards_also_cover_pillars_and_countries(monitored, scope, key):
    card = build_scorecard(resolve_scope(scope, key), today=TODAY)
    assert card.name
    assert (
        set(card.total.ids) >= {c.pk for c in monitored.commitments if c.pillar.key == key}
        if scope == "pillar"
        else set(card.total.ids) >= {c.pk for c in monitored.commitments}
    )


def test_an_organisation_scorecard_counts_the_commitments_it_leads(monitored, scene):
    card = build_scorecard(resolve_scope("organisation", scene.ministry.slug), today=TODAY)
    assert {c.pk for c in monitored.commitments} <= set(card.total.ids)


def test_unknown_or_draft_scopes_are_not_found(scene):
    draft = builders.instrument(issuer=scene.ministry)
    with pytest.raises(ScopeNotFound):
        resolve_scope("instrument", draft.slug)
    with pytest.raises(ScopeNotFound):
        resolve_scope("galaxy", "x")


def _queries(plan) -> int:  # noqa: ANN001
    with CaptureQueriesContext(connection) as ctx:
        card_of(plan, "2024")
    return len(ctx.captured_queries)


def test_scorecard_query_count_does_not_grow_with_data(scene):
    kw = dict(
        ministry=scene.ministry,
        cso=scene.cso,
        focal_point=scene.focal_point,
        monitor=scene.monitor,
        years=(2024,),
    )
    small = builders.MonitoredPlan(n_commitments=4, **kw)
    large = builders.MonitoredPlan(n_commitments=16, **kw)
    assert _queries(small.plan) == _queries(large.plan)


def test_a_published_snapshot_keeps_its_figures_after_the_records_change(monitored, administrator):
    snap = snapshot_publish(
        scope="instrument", key=monitored.plan.slug, period="2024", by=administrator, today=TODAY
    )
    before = snap.scorecard()
    # the ledger changes: a new budget amount and a joint report in a new period
    ledger.budget_line_set(
        commitment=monitored.commitments[0],
        fiscal_year=2024,
        allocated=Decimal("99999"),
        by=administrator,
    )
    snap.refresh_from_db()
    live = card_of(monitored.plan, "2024")
    assert snap.scorecard() == before
    assert snap.scorecard().budget[0].allocated == "10000.00"
    assert live.budget[0].allocated == "99999.00"
    changes = {c.key: c for c in diff_scorecards(snap.scorecard(), live)}
    assert changes["budget.EUR.allocated"].before == "10000.00"
    assert changes["budget.EUR.allocated"].after == "99999.00"


def test_diff_names_commitments_that_moved_between_figures(scene):
    card = card_of(scene.plan)
    scene.self_report({scene.commitments[0]: "complete"}, publish=True)
    changes = {c.key: c for c in diff_scorecards(card, card_of(scene.plan))}
    assert changes["self.complete"].added_refs == (scene.commitments[0].reference,)
    assert changes["self.not_reported"].removed_refs == (scene.commitments[0].reference,)


def test_publishing_a_snapshot_is_recorded_in_history(monitored, administrator):
    snap = snapshot_publish(
        scope="instrument", key=monitored.plan.slug, by=administrator, today=TODAY
    )
    entry = HistoryEntry.objects.for_object(snap).get()
    assert entry.user == administrator
    assert entry.after["scope_key"] == monitored.plan.slug


def test_only_administrators_publish_snapshots(monitored, scene):
    for user in (scene.focal_point, scene.monitor, scene.viewer):
        with pytest.raises(NotAllowed):
            snapshot_publish(scope="instrument", key=monitored.plan.slug, by=user, today=TODAY)


def test_a_joint_report_stands_for_the_government_without_a_self_assessment(scene):
    builders.report(
        scene.period,
        organisation_=scene.ministry,
        kind=ReportKind.JOINT,
        by=scene.focal_point,
        statuses={scene.commitments[0]: "complete"},
        publish=True,
    )
    assert card_of(scene.plan).complete.refs == [scene.commitments[0].reference]
