"""Organisations, memberships with roles, API tokens, and the append-only history of writes."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .countries import is_country


def validate_country(value: str) -> None:
    if value and not is_country(value):
        raise ValidationError(
            _("%(code)s is not an ISO 3166 country code."), params={"code": value}
        )


class OrganisationKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry or agency")
    PARLIAMENT = "parliament", _("Parliament")
    SECURITY = "security", _("Security institution")
    WOMENS_ORG = "womens_org", _("Women's organisation")
    CSO_NETWORK = "cso_network", _("Civil-society network")
    INTERNATIONAL = "international", _("International organisation")
    DONOR = "donor", _("Donor")
    RESEARCH = "research", _("Research")


CIVIL_SOCIETY_KINDS = frozenset(
    {OrganisationKind.WOMENS_ORG, OrganisationKind.CSO_NETWORK, OrganisationKind.RESEARCH}
)


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        validators=[validate_country],
        help_text=_("ISO 3166 code; Kosovo is XK. Empty for international bodies."),
    )
    iati_type = models.CharField(_("IATI organisation type"), max_length=5, blank=True)
    iati_ref = models.CharField(_("IATI organisation identifier"), max_length=120, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = unique_slug(Organisation, self.name)
        super().save(*args, **kwargs)

    def is_civil_society(self) -> bool:
        return self.kind in CIVIL_SOCIETY_KINDS


def unique_slug(model: type[models.Model], text: str, max_length: int = 110) -> str:
    base = slugify(text)[:max_length] or "item"
    slug, n = base, 2
    while model._default_manager.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    FOCAL_POINT = "focal_point", _("Focal point")
    CSO_MONITOR = "cso_monitor", _("Civil-society monitor")
    VIEWER = "viewer", _("Viewer")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def for_user(self, user: Any) -> MembershipQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(user=user)


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_membership"
            )
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organisation}"


class ApiToken(models.Model):
    """A per-user token for the write API; only its SHA-256 digest is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def digest_of(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def new_raw(cls) -> str:
        return "wps_" + secrets.token_urlsafe(32)

    def is_active(self) -> bool:
        return self.revoked_at is None


class HistoryQuerySet(models.QuerySet["HistoryEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise HistoryIsAppendOnly()

    def delete(self) -> tuple[int, dict[str, int]]:
        raise HistoryIsAppendOnly()

    def for_object(self, obj: models.Model) -> HistoryQuerySet:
        return self.filter(model=obj._meta.label_lower, object_pk=str(obj.pk))


class HistoryIsAppendOnly(Exception):
    def __str__(self) -> str:
        return "History entries are append-only: they cannot be changed or deleted."


class HistoryEntry(models.Model):
    """One recorded write: who, when, what, the state before and after, and why."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("updated")
        DELETE = "delete", _("deleted")
        TRANSITION = "transition", _("changed status")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=12, choices=Action.choices)
    model = models.CharField(max_length=100, db_index=True)
    object_pk = models.CharField(max_length=64, db_index=True)
    object_repr = models.CharField(max_length=300)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    reason = models.TextField(blank=True)

    objects = HistoryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise HistoryIsAppendOnly()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise HistoryIsAppendOnly()
