"""Locate the real public documents that tests and benchmarks read (``../shared/data``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def shared_data_dir() -> Path:
    """The folder of real documents: ``$WPS_SHARED_DATA`` or ``../shared/data`` beside the repo."""
    configured = os.environ.get("WPS_SHARED_DATA")
    return Path(configured) if configured else REPO_ROOT.parent / "shared" / "data"


def shared_file(relative: str) -> Path:
    """A file under the shared data folder; tests skip when it is absent (see ``needs_shared``)."""
    return shared_data_dir() / relative


def needs_shared(relative: str = "") -> pytest.MarkDecorator:
    """A pytest mark that skips a test, with the reason, when the shared document is missing."""
    import pytest

    path = shared_file(relative) if relative else shared_data_dir()
    return pytest.mark.skipif(not path.exists(), reason=f"shared test data not found at {path}")
