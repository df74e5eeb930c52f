"""The stylesheet and htmx are served from the site itself: no CDN, no web fonts."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

STATIC = Path(settings.BASE_DIR) / "wpsmonitor" / "static"


def test_the_site_assets_are_found_by_the_static_files_finders():
    for name in ("css/site.css", "css/print.css", "vendor/htmx.min.js"):
        assert finders.find(name), (
            f"{name} is not served: add wpsmonitor/static to STATICFILES_DIRS"
        )


def test_htmx_is_kept_with_its_licence():
    assert (STATIC / "vendor" / "htmx.min.js").stat().st_size > 10_000
    assert "Permission to use" in (STATIC / "vendor" / "htmx.LICENSE.txt").read_text()


def test_pages_load_nothing_from_another_site(client, scene):
    for url in (reverse("home"), reverse("instrument", args=[scene.plan.slug])):
        page = client.get(url).content.decode()
        sources = re.findall(r'(?:src|href)="([^"]+)"', page)
        assert sources
        assert not [s for s in sources if s.startswith(("http:", "https:", "//"))]


def test_the_stylesheet_is_small_and_uses_no_web_fonts():
    css = (STATIC / "css" / "site.css").read_text()

    assert len(css.encode()) < 16_000
    assert "@font-face" not in css and "@import" not in css


def test_htmx_is_loaded_only_on_pages_that_use_it(client, scene):
    home = client.get(reverse("home")).content.decode()
    instrument = client.get(reverse("instrument", args=[scene.plan.slug])).content.decode()

    assert "htmx.min.js" not in home
    assert "htmx.min.js" in instrument
