"""The Django admin for configuration: every write is recorded; frozen things stay frozen."""

from __future__ import annotations

from django.urls import reverse

from wpsmonitor.commitments.models import Instrument, InstrumentStatus, PeriodStatus
from wpsmonitor.core.models import HistoryEntry, Organisation
from wpsmonitor.testing import builders as b


def test_an_organisation_created_in_the_admin_is_recorded_in_the_history(admin_client):
    response = admin_client.post(
        reverse("admin:core_organisation_add"),
        {
            "name": "Agency for Gender Equality",
            "slug": "age",
            "kind": "ministry",
            "country": "XK",
            "abbreviation": "AGE",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    organisation = Organisation.objects.get(slug="age")
    entry = HistoryEntry.objects.for_object(organisation).get()
    assert (entry.action, entry.username, entry.reason) == ("create", "admin", "admin")


def test_a_change_and_a_deletion_in_the_admin_are_recorded(admin_client):
    organisation = b.organisation("Old name")
    data = {
        "name": "New name",
        "slug": organisation.slug,
        "kind": "ministry",
        "country": "XV",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }

    admin_client.post(reverse("admin:core_organisation_change", args=[organisation.pk]), data)
    admin_client.post(
        reverse("admin:core_organisation_delete", args=[organisation.pk]), {"post": "yes"}
    )

    actions = list(
        HistoryEntry.objects.filter(model="core.organisation", object_pk=str(organisation.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["update", "delete"]
    assert not Organisation.objects.filter(pk=organisation.pk).exists()


def test_a_membership_added_inline_is_recorded(admin_client, scene):
    admin_client.post(
        reverse("admin:core_organisation_change", args=[scene.cso.pk]),
        {
            "name": scene.cso.name,
            "slug": scene.cso.slug,
            "kind": scene.cso.kind,
            "country": "XV",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-user": scene.outsider.pk,
            "memberships-0-role": "cso_monitor",
            "memberships-0-organisation": scene.cso.pk,
        },
    )

    assert scene.cso.memberships.filter(user=scene.outsider, role="cso_monitor").exists()
    assert HistoryEntry.objects.filter(model="core.membership", action="create").exists()


def test_an_adopted_instrument_is_read_only_in_the_admin(admin_client, scene):
    url = reverse("admin:commitments_instrument_change", args=[scene.plan.pk])

    page = admin_client.get(url).content.decode()
    response = admin_client.post(url, {"title": "Renamed"})

    assert 'name="_save"' not in page
    assert response.status_code == 403
    scene.plan.refresh_from_db()
    assert scene.plan.title != "Renamed"
    assert (
        admin_client.get(
            reverse("admin:commitments_instrument_delete", args=[scene.plan.pk])
        ).status_code
        == 403
    )


def test_the_adopt_action_goes_through_the_service(admin_client, scene):
    draft = b.instrument(issuer=scene.ministry, title="Draft")

    admin_client.post(
        reverse("admin:commitments_instrument_changelist"),
        {"action": "adopt", "_selected_action": [draft.pk]},
    )

    draft.refresh_from_db()
    assert draft.status == InstrumentStatus.ADOPTED
    assert HistoryEntry.objects.for_object(draft).filter(action="transition").exists()


def test_locking_a_period_in_the_admin_goes_through_the_service(admin_client, scene):
    admin_client.post(
        reverse("admin:commitments_reportingperiod_changelist"),
        {"action": "lock", "_selected_action": [scene.period.pk]},
    )

    scene.period.refresh_from_db()
    assert scene.period.status == PeriodStatus.LOCKED
    assert HistoryEntry.objects.for_object(scene.period).filter(action="transition").exists()


def test_the_history_cannot_be_added_changed_or_deleted_in_the_admin(admin_client, scene):
    entry = HistoryEntry.objects.first()

    assert admin_client.get(reverse("admin:core_historyentry_add")).status_code == 403
    page = admin_client.get(reverse("admin:core_historyentry_change", args=[entry.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert (
        admin_client.post(
            reverse("admin:core_historyentry_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert HistoryEntry.objects.filter(pk=entry.pk).exists()


def test_admin_pages_render(admin_client, scene):
    for name in (
        "core_organisation",
        "core_membership",
        "core_historyentry",
        "commitments_instrument",
        "commitments_reportingperiod",
        "commitments_pillar",
    ):
        assert admin_client.get(reverse(f"admin:{name}_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:commitments_instrument_add")).status_code == 200
    assert Instrument.objects.exists()
