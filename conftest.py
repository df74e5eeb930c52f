"""Shared pytest fixtures: personas and a small ledger built with the same builders as the demo."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):  # noqa: ANN001, ANN201
    """Personas log in often; a fast hasher keeps the suite quick (production keeps PBKDF2)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def scene(db):  # noqa: ANN001, ANN201
    from wpsmonitor.testing.builders import Scene

    return Scene()
