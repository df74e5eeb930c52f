"""Recording writes in the append-only history."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile

from .models import HistoryEntry


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The row's concrete field values as JSON-ready data (many-to-many fields excluded)."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        data[field.attname] = _jsonable(value)
    return data


def _jsonable(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def record(
    *,
    obj: models.Model,
    action: str,
    by: Any,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> HistoryEntry:
    """Append one history entry for a write to ``obj`` made by ``by`` (a user or None)."""
    user = by if getattr(by, "is_authenticated", False) else None
    if after is None and action != HistoryEntry.Action.DELETE:
        after = snapshot(obj)
    return HistoryEntry.objects.create(
        user=user,
        username=getattr(user, "username", "") or "system",
        action=action,
        model=obj._meta.label_lower,
        object_pk=str(obj.pk),
        object_repr=str(obj)[:300],
        before=before,
        after=after,
        reason=reason,
    )


def save_recorded(obj: models.Model, *, by: Any, reason: str = "") -> models.Model:
    """Save ``obj`` and record the write with its state before and after."""
    if obj.pk is None:
        obj.save()
        record(obj=obj, action=HistoryEntry.Action.CREATE, by=by, reason=reason)
        return obj
    previous = type(obj)._default_manager.filter(pk=obj.pk).first()
    before = snapshot(previous) if previous is not None else None
    obj.save()
    after = snapshot(obj)
    if before != after:
        record(
            obj=obj,
            action=HistoryEntry.Action.UPDATE,
            by=by,
            before=before,
            after=after,
            reason=reason,
        )
    return obj


def delete_recorded(obj: models.Model, *, by: Any, reason: str = "") -> None:
    """Delete ``obj`` and record what it was."""
    before = snapshot(obj)
    pk = obj.pk
    entry = HistoryEntry(
        action=HistoryEntry.Action.DELETE,
        before=before,
        reason=reason,
        model=obj._meta.label_lower,
        object_pk=str(pk),
        object_repr=str(obj)[:300],
    )
    obj.delete()
    user = by if getattr(by, "is_authenticated", False) else None
    entry.user = user
    entry.username = getattr(user, "username", "") or "system"
    entry.save()
