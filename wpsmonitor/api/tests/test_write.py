"""Writing with a token: the same role rules as the services, one error shape, nothing half-done."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from wpsmonitor.api.tokens import token_create, token_revoke
from wpsmonitor.commitments import services
from wpsmonitor.commitments.models import (
    Evidence,
    IndicatorValue,
    ProgressReport,
    ProgressUpdate,
    Reply,
    ReportStatus,
)
from wpsmonitor.core.models import ApiToken

from .conftest import API, post

pytestmark = pytest.mark.django_db

Auth = Callable[[Any], dict[str, str]]


def new_report(
    client: Client,
    scene: Any,
    headers: dict[str, str],
    *,
    kind: str = "self",
    organisation: Any = None,
) -> Any:
    return post(
        client,
        "/reports",
        {
            "period": scene.period.pk,
            "organisation": (organisation or scene.ministry).slug,
            "kind": kind,
        },
        headers,
    )


# --- tokens ----------------------------------------------------------------------------------


def test_writing_without_a_token_is_refused_with_401(client: Client, scene: Any) -> None:
    response = new_report(client, scene, {})
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("header", ["Bearer wps_not-a-real-token", "Basic abc", "Bearer "])
def test_an_invalid_token_is_refused_with_401(client: Client, scene: Any, header: str) -> None:
    response = new_report(client, scene, {"Authorization": header})
    assert response.status_code == 401
    assert response.json()["detail"]


def test_a_revoked_token_is_refused_with_401(client: Client, scene: Any) -> None:
    new = token_create(user=scene.focal_point)
    token_revoke(token=new.token)
    response = new_report(client, scene, {"Authorization": f"Bearer {new.raw}"})
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_a_token_is_stored_as_a_digest_and_its_use_is_stamped(client: Client, scene: Any) -> None:
    new = token_create(user=scene.focal_point, name="laptop")
    stored = ApiToken.objects.get()
    assert stored.digest == ApiToken.digest_of(new.raw)
    assert new.raw not in (stored.digest, stored.prefix, stored.name)
    assert stored.last_used_at is None
    response = new_report(client, scene, {"Authorization": f"Bearer {new.raw}"})
    assert response.status_code == 201
    stored.refresh_from_db()
    assert stored.last_used_at is not None


# --- roles -----------------------------------------------------------------------------------


def test_a_focal_point_creates_and_fills_its_own_ministrys_report(
    client: Client, scene: Any, auth: Auth
) -> None:
    headers = auth(scene.focal_point)
    response = new_report(client, scene, headers)
    assert response.status_code == 201, response.content
    report = response.json()
    assert (report["kind"], report["status"]) == ("self", "draft")
    response = post(
        client,
        f"/reports/{report['id']}/updates",
        {
            "updates": [
                {"commitment": c.pk, "status": "limited", "narrative": f"n{c.pk}"}
                for c in scene.commitments
            ]
        },
        headers,
    )
    assert response.status_code == 200, response.content
    assert [u["status"] for u in response.json()["updates"]] == ["limited"] * 3
    response = post(
        client,
        f"/reports/{report['id']}/values",
        {
            "values": [
                {"indicator": scene.indicator.pk, "value": "12"},
            ]
        },
        headers,
    )
    assert response.status_code == 200, response.content
    assert response.json()["values"][0]["value"] == "12"
    response = post(
        client,
        f"/reports/{report['id']}/evidence",
        {
            "commitment": scene.commitments[0].pk,
            "title": "Minutes",
            "url": "https://example.org/minutes.pdf",
        },
        headers,
    )
    assert response.status_code == 201, response.content
    assert Evidence.objects.get().url == "https://example.org/minutes.pdf"
    for step, status in (
        ("submit", "submitted"),
        ("return-to-draft", "draft"),
        ("submit", "submitted"),
        ("publish", "published"),
    ):
        response = post(client, f"/reports/{report['id']}/{step}", {}, headers)
        assert response.status_code == 200, (step, response.content)
        assert response.json()["status"] == status
    assert client.get(f"{API}/reports/{report['id']}").status_code == 200


def test_a_token_holder_sees_its_own_drafts_in_the_reports_list(
    client: Client, scene: Any, auth: Auth
) -> None:
    draft = scene.self_report({scene.commitments[0]: "limited"})
    assert client.get(f"{API}/reports").json()["count"] == 0
    mine = client.get(f"{API}/reports", headers=auth(scene.focal_point)).json()
    assert [r["id"] for r in mine["results"]] == [draft.pk]
    theirs = client.get(f"{API}/reports", headers=auth(scene.other_focal_point)).json()
    assert theirs["count"] == 0
    response = client.get(f"{API}/reports/{draft.pk}", headers=auth(scene.other_focal_point))
    assert response.status_code == 404


def test_a_focal_point_cannot_write_a_shadow_report(client: Client, scene: Any, auth: Auth) -> None:
    response = new_report(client, scene, auth(scene.focal_point), kind="shadow")
    assert response.status_code == 403
    assert response.json()["detail"]
    response = new_report(
        client, scene, auth(scene.focal_point), kind="shadow", organisation=scene.cso
    )
    assert response.status_code == 403
    assert not ProgressReport.objects.exists()


def test_a_focal_point_cannot_write_another_ministrys_report(
    client: Client, scene: Any, auth: Auth
) -> None:
    response = new_report(client, scene, auth(scene.other_focal_point))
    assert response.status_code == 403
    report = scene.self_report()
    response = post(
        client,
        f"/reports/{report.pk}/updates",
        {
            "updates": [
                {"commitment": scene.commitments[0].pk, "status": "complete"},
            ]
        },
        auth(scene.other_focal_point),
    )
    assert response.status_code == 403
    assert "may not write" in response.json()["detail"]
    assert not ProgressUpdate.objects.exists()


def test_a_monitors_shadow_report_cannot_be_edited_by_a_government_focal_point(
    client: Client, scene: Any, auth: Auth
) -> None:
    shadow = scene.shadow_report({scene.commitments[0]: "not_started"})
    headers = auth(scene.focal_point)
    response = post(
        client,
        f"/reports/{shadow.pk}/updates",
        {
            "updates": [
                {"commitment": scene.commitments[0].pk, "status": "complete"},
            ]
        },
        headers,
    )
    assert response.status_code == 403
    assert ProgressUpdate.objects.get(report=shadow).status == "not_started"
    for step in ("submit", "publish", "return-to-draft"):
        assert post(client, f"/reports/{shadow.pk}/{step}", {}, headers).status_code == 403


def test_government_adds_a_reply_to_a_published_shadow_report(
    client: Client, scene: Any, auth: Auth
) -> None:
    first = scene.commitments[0]
    shadow = scene.shadow_report({first: "not_started"}, publish=True)
    response = post(
        client,
        f"/reports/{shadow.pk}/replies",
        {
            "text": "Training started in March.",
            "commitment": first.pk,
        },
        auth(scene.focal_point),
    )
    assert response.status_code == 201, response.content
    assert response.json()["organisation"]["slug"] == scene.ministry.slug
    assert ProgressUpdate.objects.get(report=shadow).status == "not_started"
    detail = client.get(f"{API}/commitments/{first.pk}").json()
    assert [r["text"] for r in detail["replies"]] == ["Training started in March."]
    response = post(
        client, f"/reports/{shadow.pk}/replies", {"text": "We disagree."}, auth(scene.monitor)
    )
    assert response.status_code == 403
    assert Reply.objects.count() == 1


def test_writes_need_a_token_but_no_csrf_cookie(scene: Any, auth: Auth) -> None:
    client = Client(enforce_csrf_checks=True)
    response = new_report(client, scene, auth(scene.focal_point))
    assert response.status_code == 201


# --- conflicts and invalid input -------------------------------------------------------------


def test_a_locked_period_refuses_writes_with_409_and_a_message(
    client: Client, scene: Any, auth: Auth
) -> None:
    report = scene.self_report()
    services.period_lock(period=scene.period, by=None)
    response = post(
        client,
        f"/reports/{report.pk}/updates",
        {
            "updates": [
                {"commitment": scene.commitments[0].pk, "status": "complete"},
            ]
        },
        auth(scene.focal_point),
    )
    assert response.status_code == 409
    assert "locked" in response.json()["detail"]
    response = new_report(client, scene, auth(scene.monitor), kind="shadow", organisation=scene.cso)
    assert response.status_code == 409


def test_a_submitted_report_refuses_edits_with_409(client: Client, scene: Any, auth: Auth) -> None:
    report = scene.self_report({scene.commitments[0]: "limited"})
    services.report_submit(report=report, by=scene.focal_point)
    response = post(
        client,
        f"/reports/{report.pk}/updates",
        {
            "updates": [
                {"commitment": scene.commitments[0].pk, "status": "complete"},
            ]
        },
        auth(scene.focal_point),
    )
    assert response.status_code == 409


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"organisation": "x", "kind": "self"}, "period"),
        ({"period": "two", "organisation": "x", "kind": "self"}, "period"),
        ({"period": 1, "organisation": "x", "kind": "opinion"}, "kind"),
    ],
)
def test_an_invalid_payload_is_refused_with_422_naming_the_field(
    client: Client, scene: Any, auth: Auth, payload: dict[str, Any], field: str
) -> None:
    response = post(client, "/reports", payload, auth(scene.focal_point))
    assert response.status_code == 422
    body = response.json()
    assert body["field"] == field
    assert body["detail"].startswith(f"{field}: ")
    assert body["errors"][0]["field"] == field


def test_a_wrong_value_in_a_list_names_its_row(client: Client, scene: Any, auth: Auth) -> None:
    report = scene.self_report()
    response = post(
        client,
        f"/reports/{report.pk}/updates",
        {
            "updates": [
                {"commitment": scene.commitments[0].pk, "status": "complete"},
                {"commitment": scene.commitments[1].pk, "status": "finished"},
            ]
        },
        auth(scene.focal_point),
    )
    assert response.status_code == 422
    assert response.json()["field"] == "updates[1].status"


def test_a_value_the_service_refuses_is_422_naming_the_row_and_field(
    client: Client, scene: Any, auth: Auth
) -> None:
    report = scene.self_report()
    response = post(
        client,
        f"/reports/{report.pk}/values",
        {
            "values": [
                {"indicator": scene.indicator.pk, "value": "many"},
            ]
        },
        auth(scene.focal_point),
    )
    assert response.status_code == 422
    assert response.json()["field"] == "values[0].value"
    assert not IndicatorValue.objects.exists()


def test_one_bad_row_writes_nothing(client: Client, scene: Any, auth: Auth) -> None:
    report = scene.self_report({scene.commitments[0]: "limited"})
    response = post(
        client,
        f"/reports/{report.pk}/updates",
        {
            "updates": [
                {"commitment": scene.commitments[0].pk, "status": "complete"},
                {"commitment": scene.commitments[1].pk, "status": "substantial"},
                {"commitment": 999999, "status": "limited"},
            ]
        },
        auth(scene.focal_point),
    )
    assert response.status_code == 404
    assert response.json()["field"] == "updates[2].commitment"
    statuses = dict(ProgressUpdate.objects.values_list("commitment_id", "status"))
    assert statuses == {scene.commitments[0].pk: "limited"}


def test_unknown_report_is_404(client: Client, scene: Any, auth: Auth) -> None:
    response = post(client, "/reports/999999/submit", {}, auth(scene.focal_point))
    assert response.status_code == 404
    assert response.json()["detail"]


def test_publishing_a_draft_is_a_conflict(client: Client, scene: Any, auth: Auth) -> None:
    report = scene.self_report({scene.commitments[0]: "limited"})
    response = post(client, f"/reports/{report.pk}/publish", {}, auth(scene.focal_point))
    assert response.status_code == 409
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert report.published_at is None
