"""Fixtures of the reports tests: a monitored plan on top of the shared scene."""

from __future__ import annotations

import datetime as dt

import pytest

from wpsmonitor.core.models import Role
from wpsmonitor.testing import builders

TODAY = dt.date(2025, 1, 31)


@pytest.fixture
def monitored(scene):  # noqa: ANN001, ANN201
    return builders.MonitoredPlan(
        ministry=scene.ministry,
        cso=scene.cso,
        focal_point=scene.focal_point,
        monitor=scene.monitor,
        n_commitments=8,
        years=(2023, 2024),
    )


@pytest.fixture
def administrator(scene):  # noqa: ANN001, ANN201
    return builders.person(organisation=scene.ministry, role=Role.ADMINISTRATOR)


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):  # noqa: ANN001, ANN201
    """Generated files go to a temporary folder; passwords hash fast in these tests."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings.MEDIA_ROOT
