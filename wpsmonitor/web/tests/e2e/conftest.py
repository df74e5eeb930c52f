"""End-to-end tests in headless Chromium against a live server.

They need Debian's ``chromium`` package at /usr/bin/chromium and are skipped without it.
Playwright's synchronous API runs an event loop in the test thread, so Django's guard against
database calls from async code is switched off for these tests.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(
        reason="end-to-end tests need Chromium at /usr/bin/chromium (apt-get install chromium)"
    )
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def standard_pillars(transactional_db: None) -> None:
    """A transactional test starts from tables another one may have flushed: put back the four
    pillars that a data migration creates."""
    from wpsmonitor.commitments.models import STANDARD_PILLARS, Pillar

    for key, name, order in STANDARD_PILLARS:
        Pillar.objects.get_or_create(
            key=key, defaults={"name": name, "order": order, "is_standard": True}
        )


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    # Nothing may leave the machine: every request goes to the live server only.
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(live_server.url) else route.abort()
        ),
    )
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()
