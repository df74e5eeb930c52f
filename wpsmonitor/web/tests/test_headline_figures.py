"""The headline figures counted in the database equal those computed from the loaded ratings."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pytest
from django.db.models import Q
from django.urls import reverse

from wpsmonitor.commitments import services
from wpsmonitor.commitments.models import (
    Commitment,
    Instrument,
    InstrumentStatus,
    Status,
    Strength,
)
from wpsmonitor.commitments.queries import (
    complete_q,
    disagree_q,
    official_status_q,
    overdue_ids,
    overdue_q,
    rated_q,
    ratings_for,
    shadow_lower_q,
    shadow_status_q,
)
from wpsmonitor.core.models import Organisation, OrganisationKind, Role
from wpsmonitor.testing import builders as b
from wpsmonitor.web import pages

pytestmark = pytest.mark.django_db

S = Status
# Per commitment: its deadline, then its statuses by (kind, year); a "draft:" prefix leaves the
# report unpublished, so its status must never count.
PLAN: list[tuple[dt.date | None, dict[tuple[str, int], str]]] = [
    (dt.date(2023, 6, 30), {("self", 2023): S.COMPLETE, ("shadow", 2023): S.LIMITED}),
    (dt.date(2023, 6, 30), {("self", 2023): S.LIMITED, ("shadow", 2024): S.COMPLETE}),
    (dt.date(2023, 6, 30), {("self", 2024): S.WITHDRAWN}),
    (dt.date(2023, 6, 30), {}),
    (None, {("self", 2023): S.SUBSTANTIAL, ("shadow", 2023): S.NOT_STARTED}),
    (dt.date(2030, 1, 1), {("self", 2024): S.NO_EVIDENCE, ("shadow", 2024): S.NO_EVIDENCE}),
    (
        dt.date(2023, 6, 30),
        {("self", 2023): S.COMPLETE, ("shadow", 2023): S.COMPLETE, ("joint", 2024): S.LIMITED},
    ),
    (
        dt.date(2024, 3, 1),
        {("self", 2024): S.LIMITED, ("joint", 2023): S.COMPLETE, ("shadow", 2024): S.LIMITED},
    ),
    (dt.date(2024, 3, 1), {("self", 2023): S.LIMITED, ("draft:self", 2024): S.COMPLETE}),
    (dt.date(2022, 1, 1), {("shadow", 2024): S.SUBSTANTIAL, ("self", 2024): S.SUBSTANTIAL}),
    (
        dt.date(2022, 1, 1),
        {("self", 2024): S.COMPLETE, ("shadow", 2024): S.NOT_STARTED, ("self", 2023): S.LIMITED},
    ),
    (dt.date(2025, 1, 1), {("shadow", 2023): S.WITHDRAWN, ("self", 2023): S.NOT_STARTED}),
    (dt.date(2023, 6, 30), {("self", 2024): S.COMPLETE, ("joint", 2024): S.NOT_STARTED}),
]
TODAYS = [dt.date(2023, 1, 1), dt.date(2024, 6, 1), dt.date(2031, 1, 1)]


@dataclass
class Mixed:
    ministry: Organisation
    partner: Organisation
    commitments: list[Commitment]


def _rate(plan: Instrument, rows: list[tuple[Commitment, dict[tuple[str, int], str]]]) -> None:
    cso = b.organisation(b.unique("Women's Network"), kind=OrganisationKind.CSO_NETWORK)
    drafter = b.organisation(b.unique("Ministry of Finance"))
    reporters = {
        "self": (plan.issuer, b.person(organisation=plan.issuer, role=Role.FOCAL_POINT)),
        "joint": (plan.issuer, b.person(organisation=plan.issuer, role=Role.FOCAL_POINT)),
        "shadow": (cso, b.person(organisation=cso, role=Role.CSO_MONITOR)),
        "draft:self": (drafter, b.person(organisation=drafter, role=Role.FOCAL_POINT)),
    }
    for year in (2023, 2024):
        period = b.period(plan, year=year)
        for kind, (organisation, person) in reporters.items():
            statuses = {
                c: s for c, cells in rows for (k, y), s in cells.items() if k == kind and y == year
            }
            if statuses:
                b.report(
                    period,
                    organisation_=organisation,
                    kind=kind.removeprefix("draft:"),
                    by=person,
                    statuses=statuses,
                    publish=not kind.startswith("draft:"),
                )


def build_mixed() -> Mixed:
    """Two countries' plans (one revised, so its first version is superseded), a draft plan,
    self, shadow and joint ratings over two periods, an unpublished report, every status."""
    ministry = b.organisation(b.unique("Ministry of Justice"))
    partner = b.organisation(b.unique("Police Directorate"))
    plan = b.instrument(issuer=ministry, title=b.unique("Plan"))
    texts = [
        "The Ministry shall open a shelter in every region by 2026.",
        "The Ministry will consider ways to train officers, as appropriate.",
        "The Ministry will work to publish statistics.",
    ]
    commitments = [
        b.commitment(
            plan,
            texts[i % 3],
            reference=f"{i + 1}.1",
            deadline=deadline,
            lead=[ministry] if i % 4 else [partner],
            partners=[partner] if i % 4 else [ministry],
        )
        for i, (deadline, _) in enumerate(PLAN)
    ]
    plan = b.adopt(plan)
    _rate(plan, list(zip(commitments, [p for _, p in PLAN], strict=True)))

    old = b.instrument(issuer=ministry, title=b.unique("Old plan"))
    old_commitments = [
        b.commitment(old, reference=f"o{i}", deadline=deadline, lead=[ministry])
        for i, (deadline, _) in enumerate(PLAN[:6])
    ]
    old = b.adopt(old)
    _rate(old, list(zip(old_commitments, [p for _, p in PLAN[:6]], strict=True)))
    revised = services.instrument_revise(instrument=old, by=b.system_user())
    b.adopt(revised, on=dt.date(2025, 1, 1))
    assert Instrument.objects.get(pk=old.pk).status == InstrumentStatus.SUPERSEDED

    abroad_issuer = b.organisation(b.unique("Ministry of Defence"), country="XK")
    abroad = b.instrument(issuer=abroad_issuer, title=b.unique("Plan"), country="XK")
    abroad_commitments = [
        b.commitment(abroad, reference=f"a{i}", deadline=deadline, lead=[abroad_issuer, ministry])
        for i, (deadline, _) in enumerate(PLAN[6:])
    ]
    abroad = b.adopt(abroad)
    _rate(abroad, list(zip(abroad_commitments, [p for _, p in PLAN[6:]], strict=True)))

    draft = b.instrument(issuer=ministry, title=b.unique("Draft plan"))
    b.commitment(draft, reference="d1", deadline=dt.date(2020, 1, 1), lead=[ministry])
    return Mixed(ministry, partner, commitments)


@pytest.fixture
def mixed() -> Mixed:
    return build_mixed()


def python_headline(commitments: list[Commitment], today: dt.date) -> pages.Headline:
    ratings = ratings_for(c.pk for c in commitments)
    return pages.headline_of(commitments, ratings, overdue_ids(commitments, ratings, today=today))


def test_the_mixed_ledger_has_every_case_the_figures_distinguish(mixed: Mixed) -> None:
    ratings = ratings_for(c.pk for c in mixed.commitments)
    today = dt.date(2024, 6, 1)
    overdue = overdue_ids(mixed.commitments, ratings, today=today)
    sides = list(ratings.values())
    assert any(r.joint for r in sides)
    assert any(r.latest_status is None for r in sides)
    assert any(r.disagree for r in sides) and any(r.shadow_lower for r in sides)
    assert any(r.is_complete() for r in sides)
    assert 0 < len(overdue) < len(mixed.commitments)
    assert Commitment.objects.filter(instrument__status=InstrumentStatus.DRAFT).exists()


@pytest.mark.parametrize("today", TODAYS)
def test_each_status_question_asked_in_the_database_agrees_with_the_loaded_ratings(
    mixed: Mixed, today: dt.date
) -> None:
    commitments = list(Commitment.objects.all())
    ratings = ratings_for(c.pk for c in commitments)
    overdue = overdue_ids(commitments, ratings, today=today)

    def official(side: Any) -> str:
        rating = side.joint or side.self
        return rating.status if rating else S.NO_EVIDENCE

    expected: dict[str, tuple[Q, set[int]]] = {
        "overdue": (overdue_q(today), overdue),
        "disagree": (disagree_q(), {i for i, r in ratings.items() if r.disagree}),
        "complete": (complete_q(), {i for i, r in ratings.items() if r.is_complete()}),
        "rated": (rated_q(), {i for i, r in ratings.items() if r.latest_status}),
        "shadow_lower": (shadow_lower_q(), {i for i, r in ratings.items() if r.shadow_lower}),
    }
    for status in S.values:
        expected[f"official {status}"] = (
            official_status_q(status),
            {i for i, r in ratings.items() if official(r) == status},
        )
        expected[f"shadow {status}"] = (
            shadow_status_q(status),
            {
                i
                for i, r in ratings.items()
                if (r.shadow.status if r.shadow else S.NO_EVIDENCE) == status
            },
        )
    annotated = Commitment.objects.with_latest_statuses()
    everyone = {c.pk for c in commitments}
    for name, (q, ids) in expected.items():
        assert set(annotated.filter(q).values_list("pk", flat=True)) == ids, name
        assert set(annotated.exclude(q).values_list("pk", flat=True)) == everyone - ids, name


@pytest.mark.parametrize("today", TODAYS)
def test_home_figures_counted_in_the_database_equal_the_python_computation(
    mixed: Mixed, today: dt.date
) -> None:
    page = pages.home_page(today=today)

    items = {item.instrument.pk: item for group in page.countries for item in group.items}
    public = list(Instrument.objects.public())
    assert set(items) == {i.pk for i in public}
    for inst in public:
        commitments = list(Commitment.objects.filter(instrument=inst))
        assert items[inst.pk].headline == python_headline(commitments, today), inst
    current = list(Commitment.objects.filter(instrument__status=InstrumentStatus.ADOPTED))
    assert page.headline == python_headline(current, today)
    # The plan, the revision of the old plan (its copies) and the plan abroad.
    assert page.headline.commitments == len(PLAN) + 6 + len(PLAN[6:])
    assert page.headline.share_complete == python_headline(current, today).share_complete


@pytest.mark.parametrize("today", TODAYS)
def test_organisation_figures_counted_in_the_database_equal_the_python_computation(
    mixed: Mixed, today: dt.date
) -> None:
    page = pages.organisation_page(mixed.ministry, today=today)

    commitments = list(
        Commitment.objects.filter(
            responsibilities__organisation=mixed.ministry,
            instrument__status=InstrumentStatus.ADOPTED,
        )
    )
    ratings = ratings_for(c.pk for c in commitments)
    overdue = overdue_ids(commitments, ratings, today=today)
    assert page.headline == python_headline(commitments, today)

    def official(side: Any) -> str:
        rating = side.joint or side.self
        return rating.status if rating else S.NO_EVIDENCE

    official_counts = Counter(official(ratings[c.pk]) for c in commitments)
    shadow_counts = Counter(
        ratings[c.pk].shadow.status if ratings[c.pk].shadow else S.NO_EVIDENCE for c in commitments
    )
    assert {t.key: t.count for t in page.self_counts} == {
        s: official_counts.get(s, 0) for s in pages.STATUS_ORDER
    }
    assert {t.key: t.count for t in page.shadow_counts} == {
        s: shadow_counts.get(s, 0) for s in pages.STATUS_ORDER
    }
    assert {r.commitment.pk for r in page.overdue} == overdue
    assert all(r.overdue for r in page.overdue)
    assert {r.commitment.pk for r in page.rated_lower} == {
        c.pk for c in commitments if ratings[c.pk].shadow_lower
    }
    assert page.headline.shadow_lower == len(page.rated_lower)
    strengths = Counter(c.strength or Strength.NONE for c in commitments)
    assert {t.key: t.count for t in page.strength} == {
        s: strengths.get(s, 0) for s in pages.STRENGTH_ORDER
    }
    assert [r.commitment.pk for r in page.rows] == [
        c.pk for c in sorted(commitments, key=lambda c: (c.instrument.title, c.order, c.pk))
    ]


def test_the_organisation_page_lists_its_commitments_a_page_at_a_time(client: Any) -> None:
    ministry = b.organisation(b.unique("Ministry of Justice"))
    plan = b.instrument(issuer=ministry, title=b.unique("Plan"))
    size = pages.ORGANISATION_PAGE_SIZE
    made = [
        b.commitment(plan, reference=f"{i + 1}", lead=[ministry], order=i) for i in range(size + 3)
    ]
    b.adopt(plan)

    first = pages.organisation_page(ministry, today=dt.date(2024, 1, 1))
    last = pages.organisation_page(ministry, today=dt.date(2024, 1, 1), page_number="2")
    beyond = pages.organisation_page(ministry, today=dt.date(2024, 1, 1), page_number="9")
    garbage = pages.organisation_page(ministry, today=dt.date(2024, 1, 1), page_number="x")

    assert [r.commitment.pk for r in first.rows] == [c.pk for c in made[:size]]
    assert [r.commitment.pk for r in last.rows] == [c.pk for c in made[size:]]
    assert first.headline.commitments == size + 3 == last.headline.commitments
    assert first.pager.has_next() and not last.pager.has_next()
    assert beyond.pager.number == 2 and garbage.pager.number == 1
    response = client.get(reverse("organisation", args=[ministry.slug]), {"page": "2"})
    assert response.status_code == 200
    assert f"/commitments/{made[-1].pk}/" in response.content.decode()
    assert f"/commitments/{made[0].pk}/" not in response.content.decode()
