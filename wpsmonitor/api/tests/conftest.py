"""Fixtures for the API tests: a client, tokens for the scene's personas, and small ledgers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from wpsmonitor.api.tokens import token_create
from wpsmonitor.commitments.models import Indicator, ReportKind
from wpsmonitor.testing import builders

API = "/api/v1"


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    """The personas' passwords are hashed cheaply here; hashing is not what these tests test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def client() -> Client:
    return Client()


@pytest.fixture
def auth() -> Callable[[Any], dict[str, str]]:
    """Headers carrying a fresh token for ``user``."""

    def headers(user: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {token_create(user=user).raw}"}

    return headers


def post(client: Client, path: str, data: dict[str, Any], headers: dict[str, str]) -> Any:
    return client.post(f"{API}{path}", data=data, content_type="application/json", headers=headers)


def plan_with_indicator(scene: Any, **indicator_fields: Any) -> tuple[Any, Indicator, Any]:
    """An adopted plan of the scene's ministry with one commitment carrying one indicator,
    and its open 2024 period: (commitment, indicator, period)."""
    plan = builders.instrument(issuer=scene.ministry, title=builders.unique("Security Plan"))
    commitment = builders.commitment(plan, reference="S.1", deadline=dt.date(2024, 6, 30))
    indicator = builders.indicator(commitment, **indicator_fields)
    builders.adopt(plan)
    return commitment, indicator, builders.period(plan, year=2024)


def published_values(
    scene: Any, period: Any, commitment: Any, values: dict[Indicator, Decimal | int]
) -> Any:
    return builders.report(
        period,
        organisation_=scene.ministry,
        kind=ReportKind.SELF,
        by=scene.focal_point,
        statuses={commitment: "limited"},
        values=values,
        publish=True,
    )
