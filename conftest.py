"""Shared pytest fixtures: personas and a small ledger built with the same builders as the demo."""

from __future__ import annotations

import pytest


@pytest.fixture
def scene(db):  # noqa: ANN001, ANN201
    from wpsmonitor.testing.builders import Scene

    return Scene()
