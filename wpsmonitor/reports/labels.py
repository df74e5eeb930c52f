"""The names of scorecard figures, translated when shown (snapshots store only the keys)."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The ledger's own labels again, so that every report is translated by this app's catalog.
STATUS_LABELS = {
    "no_evidence": _("No evidence"),
    "not_started": _("Not started"),
    "limited": _("Limited"),
    "substantial": _("Substantial"),
    "complete": _("Complete"),
    "withdrawn": _("Withdrawn"),
    "not_reported": _("Not reported"),
}
STRENGTH_LABELS = {
    "binding": _("Binding"),
    "strong": _("Strong"),
    "moderate": _("Moderate"),
    "weak": _("Weak"),
    "none": _("None"),
    "unassessed": _("Not assessed"),
}
REPORT_KIND_LABELS = {
    "self": _("Self-assessment"),
    "shadow": _("Shadow (independent)"),
    "joint": _("Joint"),
}
STANDARD_PILLAR_LABELS = {
    "participation": _("Participation"),
    "prevention": _("Prevention"),
    "protection": _("Protection"),
    "relief-recovery": _("Relief and recovery"),
}
INSTRUMENT_KIND_LABELS = {
    "resolution": _("Security Council resolution"),
    "national_plan": _("National action plan"),
    "regional_plan": _("Regional action plan"),
    "local_plan": _("Local action plan"),
    "strategy": _("Strategy"),
    "peace_agreement": _("Peace agreement"),
    "meeting_outcome": _("Meeting outcome"),
    "advocacy_letter": _("Advocacy letter"),
    "pledge": _("Pledge"),
}

SCOPE_LABELS = {
    "instrument": _("Instrument"),
    "pillar": _("Pillar"),
    "organisation": _("Organisation"),
    "country": _("Country"),
}

FIXED = {
    "total": _("Commitments"),
    "complete": _("Complete (government)"),
    "shadow_complete": _("Complete (civil society)"),
    "share_complete": _("Share complete (government), %"),
    "shadow_share_complete": _("Share complete (civil society), %"),
    "overdue": _("Overdue"),
    "disagree": _("Ratings disagree"),
    "shadow_lower": _("Civil society rates lower than the government"),
}
BUDGET_LABELS = {"allocated": _("Allocated"), "disbursed": _("Disbursed"), "spent": _("Spent")}


def figure_label(key: str) -> str:
    """A person-readable name for a figure key such as ``self.complete`` or ``budget.EUR.spent``."""
    if key in FIXED:
        return str(FIXED[key])
    head, _sep, rest = key.partition(".")
    if head == "self":
        return gettext("Government: %(status)s") % {"status": STATUS_LABELS.get(rest, rest)}
    if head == "shadow":
        return gettext("Civil society: %(status)s") % {"status": STATUS_LABELS.get(rest, rest)}
    if head == "strength":
        return gettext("Wording: %(strength)s") % {"strength": STRENGTH_LABELS.get(rest, rest)}
    if head == "budget":
        currency, _sep, name = rest.partition(".")
        return f"{BUDGET_LABELS.get(name, name)} ({currency})"
    if head == "indicator":
        ident, _sep, side = rest.partition(".")
        sides = {
            "self": gettext("government value"),
            "shadow": gettext("civil-society value"),
            "progress": gettext("progress to target, %"),
        }
        return gettext("Indicator %(id)s: %(side)s") % {"id": ident, "side": sides.get(side, side)}
    return key
