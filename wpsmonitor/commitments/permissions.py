"""Who may do what: roles come from memberships in organisations."""

from __future__ import annotations

from typing import Any

from wpsmonitor.core.models import Membership, Organisation, Role

from .models import ProgressReport, ReportKind


def roles_in(user: Any, organisation: Organisation | int) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    cache: dict[int, set[str]] | None = getattr(user, "_wps_roles", None)
    if cache is None:
        cache = {}
        for org, role in Membership.objects.filter(user=user).values_list("organisation", "role"):
            cache.setdefault(org, set()).add(role)
        user._wps_roles = cache
    return cache.get(org_id, set())


def organisations_of(user: Any) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    roles_in(user, 0)
    return set(user._wps_roles)


WRITERS = {
    ReportKind.SELF: {Role.FOCAL_POINT, Role.ADMINISTRATOR},
    ReportKind.SHADOW: {Role.CSO_MONITOR, Role.ADMINISTRATOR},
    ReportKind.JOINT: {Role.FOCAL_POINT, Role.CSO_MONITOR, Role.ADMINISTRATOR},
}


def can_write_report(user: Any, *, organisation: Organisation, kind: str) -> bool:
    """A focal point writes its own organisation's self reports; a civil-society monitor writes
    its organisation's shadow reports. Nobody writes another organisation's report."""
    if kind == ReportKind.SHADOW and not organisation.is_civil_society():
        return False
    return bool(roles_in(user, organisation) & WRITERS[ReportKind(kind)])


def can_view_report(user: Any, report: ProgressReport) -> bool:
    return report.is_published() or bool(roles_in(user, report.organisation_id))


def can_reply(user: Any, *, report: ProgressReport, organisation: Organisation) -> bool:
    """A focal point of an organisation answerable for the instrument may reply to a shadow
    report; the reply is attached beside it and never changes it."""
    if report.kind != ReportKind.SHADOW or organisation.is_civil_society():
        return False
    return bool(roles_in(user, organisation) & {Role.FOCAL_POINT, Role.ADMINISTRATOR})


def can_see_restricted(user: Any) -> bool:
    """Restricted indicators and evidence are for signed-in members of any organisation."""
    return bool(organisations_of(user)) or bool(getattr(user, "is_superuser", False))
