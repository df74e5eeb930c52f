"""`wpsmonitor demo` deletes data only when told to."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from wpsmonitor.core.models import Organisation


def test_the_demo_command_refuses_without_yes_when_nobody_can_answer(db) -> None:
    Organisation.objects.create(name="Real data", slug="real-data", kind="ministry")
    with pytest.raises(CommandError, match="--yes"):
        call_command("demo")
    assert Organisation.objects.filter(slug="real-data").exists()


def test_the_demo_command_refuses_a_negative_scale(db) -> None:
    with pytest.raises(CommandError, match="--scale"):
        call_command("demo", "--yes", "--scale", "-1")
