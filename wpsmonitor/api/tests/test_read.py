"""Public reads: only adopted instruments and published reports, suppression, filters, pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from wpsmonitor.commitments.models import Sensitivity
from wpsmonitor.testing import builders

from .conftest import API, plan_with_indicator, published_values

pytestmark = pytest.mark.django_db


def get(client: Client, path: str, **params: Any) -> Any:
    response = client.get(f"{API}{path}", params)
    assert response.status_code == 200, response.content
    return response.json()


def by_id(results: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    return {row["id"]: row for row in results}


def test_anonymous_reader_sees_adopted_instruments_but_not_drafts(
    client: Client, scene: Any
) -> None:
    draft = builders.instrument(issuer=scene.ministry, title="Draft plan")
    data = get(client, "/instruments")
    ids = {row["id"] for row in data["results"]}
    assert scene.plan.pk in ids
    assert draft.pk not in ids
    row = by_id(data["results"])[scene.plan.pk]
    assert row["issuer"]["slug"] == scene.ministry.slug
    assert row["commitment_count"] == 3
    assert sum(row["strength_profile"].values()) == 3
    assert client.get(f"{API}/instruments/{draft.slug}").status_code == 404


def test_instrument_detail_is_found_by_slug_or_id_with_its_periods(
    client: Client, scene: Any
) -> None:
    by_slug = get(client, f"/instruments/{scene.plan.slug}")
    by_pk = get(client, f"/instruments/{scene.plan.pk}")
    assert by_slug == by_pk
    assert [p["label"] for p in by_slug["periods"]] == ["2024"]
    assert [v["version"] for v in by_slug["versions"]] == [1]


def test_commitments_show_published_self_and_shadow_ratings_side_by_side(
    client: Client, scene: Any
) -> None:
    first, second, third = scene.commitments
    scene.self_report({first: "complete", second: "substantial"}, publish=True)
    scene.shadow_report({first: "limited", second: "substantial"}, publish=True)
    rows = by_id(get(client, "/commitments", today="2025-01-01")["results"])
    one = rows[first.pk]
    assert one["self_rating"]["status"] == "complete"
    assert one["shadow_rating"]["status"] == "limited"
    assert one["gap"] == 2
    assert one["disagree"] is True
    assert one["shadow_lower"] is True
    assert one["overdue"] is False
    assert rows[second.pk]["disagree"] is False
    assert rows[third.pk]["self_rating"] is None
    assert rows[third.pk]["overdue"] is True
    assert one["lead"][0]["slug"] == scene.ministry.slug
    assert one["pillar"] == {"key": "participation", "name": "Participation"}
    assert one["assessment"]["strength"] == one["strength"]


def test_draft_and_submitted_reports_never_leak_into_public_output(
    client: Client, scene: Any
) -> None:
    first = scene.commitments[0]
    draft = scene.self_report({first: "complete"}, narrative="secret draft narrative")
    row = get(client, f"/commitments/{first.pk}")
    assert row["self_rating"] is None
    assert row["history"] == []
    listed = get(client, "/commitments")
    assert "secret draft narrative" not in str(listed)
    assert client.get(f"{API}/reports/{draft.pk}").status_code == 404
    assert get(client, "/reports")["count"] == 0


def test_confidential_counts_below_five_read_as_less_than_five(client: Client, scene: Any) -> None:
    commitment, indicator, period = plan_with_indicator(
        scene, sensitivity=Sensitivity.CONFIDENTIAL, definition="Survivors granted status"
    )
    published_values(scene, period, commitment, {indicator: 3})
    data = get(client, f"/indicators/{indicator.pk}")
    [series] = data["series"]
    assert series["kind"] == "self"
    assert series["points"][0]["value"] == "<5"
    assert series["total"] == "<5"
    assert '"3"' not in client.get(f"{API}/indicators/{indicator.pk}").content.decode()
    report = get(client, "/reports")["results"][0]
    detail = get(client, f"/reports/{report['id']}")
    assert [v["value"] for v in detail["values"]] == ["<5"]


def test_confidential_counts_of_five_or_more_are_shown(client: Client, scene: Any) -> None:
    commitment, indicator, period = plan_with_indicator(scene, sensitivity=Sensitivity.CONFIDENTIAL)
    published_values(scene, period, commitment, {indicator: 12})
    [series] = get(client, f"/indicators/{indicator.pk}")["series"]
    assert series["points"][0]["value"] == "12"


def test_restricted_indicators_are_not_listed_publicly(client: Client, scene: Any) -> None:
    commitment, indicator, period = plan_with_indicator(scene, sensitivity=Sensitivity.RESTRICTED)
    published_values(scene, period, commitment, {indicator: 40})
    ids = {row["id"] for row in get(client, "/indicators")["results"]}
    assert scene.indicator.pk in ids
    assert indicator.pk not in ids
    assert client.get(f"{API}/indicators/{indicator.pk}").status_code == 404
    assert get(client, f"/commitments/{commitment.pk}")["indicators"] == []
    report = get(client, "/reports", organisation=scene.ministry.slug)["results"][0]
    assert get(client, f"/reports/{report['id']}")["values"] == []


def test_indicator_total_follows_the_indicators_rule(client: Client, scene: Any) -> None:
    plan = builders.instrument(issuer=scene.ministry)
    c = builders.commitment(plan)
    incremental = builders.indicator(c, aggregation="incremental")
    cumulative = builders.indicator(c, aggregation="cumulative")
    builders.adopt(plan)
    for year, values in ((2023, (10, 10)), (2024, (5, 15))):
        period = builders.period(plan, year=year)
        published_values(
            scene, period, c, dict(zip((incremental, cumulative), values, strict=True))
        )
    rows = by_id(get(client, "/indicators", instrument=plan.slug)["results"])
    assert rows[incremental.pk]["series"][0]["total"] == "15"
    assert rows[cumulative.pk]["series"][0]["total"] == "15"
    assert [p["value"] for p in rows[incremental.pk]["series"][0]["points"]] == ["10", "5"]


def test_organisations_list_counts_public_commitments_and_published_reports(
    client: Client, scene: Any
) -> None:
    scene.self_report({scene.commitments[0]: "limited"}, publish=True)
    rows = {r["slug"]: r for r in get(client, "/organisations", limit=100)["results"]}
    counts = rows[scene.ministry.slug]["counts"]
    assert counts == {
        "commitments_lead": 3,
        "commitments_partner": 0,
        "instruments_issued": 1,
        "published_reports": 1,
    }
    detail = get(client, f"/organisations/{scene.ministry.slug}")
    assert [i["id"] for i in detail["instruments"]] == [scene.plan.pk]


def test_periods_are_listed_with_their_published_reports(client: Client, scene: Any) -> None:
    scene.self_report({scene.commitments[0]: "limited"}, publish=True)
    scene.shadow_report({scene.commitments[0]: "limited"})
    [row] = get(client, "/periods", instrument=scene.plan.slug)["results"]
    assert row["label"] == "2024"
    assert row["published_reports"] == 1


# --- filters ---------------------------------------------------------------------------------


@pytest.fixture
def rated(scene: Any) -> Any:
    first, second, third = scene.commitments
    scene.self_report({first: "complete", second: "limited"}, publish=True)
    scene.shadow_report({first: "limited", second: "limited", third: "not_started"}, publish=True)
    return scene


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "complete"}, [0]),
        ({"status": "limited"}, [1]),
        ({"status": "not_started"}, [2]),
        ({"self_status": "limited"}, [1]),
        ({"shadow_status": "limited"}, [0, 1]),
        ({"disagree": "true"}, [0]),
        ({"disagree": "false"}, [1, 2]),
        ({"overdue": "true", "today": "2025-01-01"}, [1, 2]),
        ({"overdue": "false", "today": "2025-01-01"}, [0]),
        ({"overdue": "true", "today": "2024-01-01"}, []),
        ({"pillar": "participation"}, [0, 1, 2]),
        ({"pillar": "protection"}, []),
        ({"country": "XV"}, [0, 1, 2]),
        ({"country": "XK"}, []),
    ],
)
def test_commitment_filters(
    client: Client, rated: Any, params: dict[str, str], expected: list[int]
) -> None:
    data = get(client, "/commitments", **params)
    assert [row["id"] for row in data["results"]] == [rated.commitments[i].pk for i in expected]
    assert data["count"] == len(expected)


def test_commitments_filter_by_instrument_and_organisation_id_or_slug(
    client: Client, rated: Any
) -> None:
    other = builders.instrument(issuer=rated.other_ministry)
    builders.commitment(other, lead=[rated.other_ministry])
    builders.adopt(other)
    mine = [c.pk for c in rated.commitments]
    for key in (rated.plan.slug, str(rated.plan.pk)):
        assert [r["id"] for r in get(client, "/commitments", instrument=key)["results"]] == mine
    for key in (rated.ministry.slug, str(rated.ministry.pk)):
        rows = get(client, "/commitments", organisation=key)["results"]
        assert [r["id"] for r in rows] == mine


def test_status_filters_agree_with_the_displayed_ratings_across_periods(
    client: Client, scene: Any
) -> None:
    first = scene.commitments[0]
    scene.self_report({first: "limited"}, publish=True)
    scene.shadow_report({first: "not_started"}, publish=True)
    later = builders.period(scene.plan, year=2025)
    builders.report(
        later,
        organisation_=scene.cso,
        kind="shadow",
        by=scene.monitor,
        statuses={first: "substantial"},
        publish=True,
    )
    row = get(client, f"/commitments/{first.pk}")
    assert row["latest_status"] == "substantial"
    assert row["shadow_rating"]["status"] == "substantial"
    for field, value in (
        ("status", "substantial"),
        ("self_status", "limited"),
        ("shadow_status", "substantial"),
    ):
        ids = [r["id"] for r in get(client, "/commitments", **{field: value})["results"]]
        assert ids == [first.pk], field
    assert get(client, "/commitments", status="limited")["count"] == 0


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"pillar": "courage"}, "pillar"),
        ({"status": "finished"}, "status"),
        ({"shadow_status": "done"}, "shadow_status"),
        ({"overdue": "perhaps"}, "overdue"),
        ({"today": "yesterday"}, "today"),
        ({"country": "ZZ"}, "country"),
        ({"limit": "0"}, "limit"),
    ],
)
def test_an_invalid_filter_is_refused_naming_the_field(
    client: Client, scene: Any, params: dict[str, str], field: str
) -> None:
    response = client.get(f"{API}/commitments", params)
    assert response.status_code == 422
    body = response.json()
    assert body["field"] == field
    assert body["detail"]


# --- pagination ------------------------------------------------------------------------------


def test_pages_carry_the_total_and_links_to_their_neighbours(client: Client, db: Any) -> None:
    scene = builders.Scene(n_commitments=5)
    first = get(client, "/commitments", limit=2, instrument=scene.plan.slug)
    assert first["count"] == 5
    assert first["previous"] is None
    assert len(first["results"]) == 2
    assert first["next"].startswith("http://testserver/api/v1/commitments?")
    assert f"instrument={scene.plan.slug}" in first["next"]
    second = client.get(first["next"]).json()
    assert second["offset"] == 2
    assert second["previous"] is not None
    last = client.get(client.get(second["next"]).json()["previous"]).json()
    assert last["results"] == second["results"]
    seen = [r["id"] for page in (first, second) for r in page["results"]]
    assert seen == [c.pk for c in scene.commitments[:4]]
    final = get(client, "/commitments", limit=2, offset=4)
    assert final["next"] is None
    assert len(final["results"]) == 1


def test_unknown_ids_answer_404_with_a_message(client: Client, scene: Any) -> None:
    for path in (
        "/commitments/999999",
        "/instruments/nope",
        "/organisations/nope",
        "/indicators/999999",
        "/periods/999999",
        "/reports/999999",
    ):
        response = client.get(f"{API}{path}")
        assert response.status_code == 404, path
        assert response.json()["detail"]


def test_today_defaults_to_the_servers_date_for_the_overdue_mark(
    client: Client, scene: Any
) -> None:
    row = get(client, f"/commitments/{scene.commitments[0].pk}")
    assert row["overdue"] is (dt.date.today() > dt.date(2024, 6, 30))
