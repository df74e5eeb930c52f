"""The OpenAPI document and the interactive docs, served from local assets only."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from .conftest import API

pytestmark = pytest.mark.django_db

EXPECTED_PATHS = [
    "/instruments",
    "/instruments/{key}",
    "/commitments",
    "/commitments/{commitment_id}",
    "/indicators",
    "/indicators/{indicator_id}",
    "/organisations",
    "/organisations/{key}",
    "/periods",
    "/periods/{period_id}",
    "/reports",
    "/reports/{report_id}",
    "/reports/{report_id}/updates",
    "/reports/{report_id}/values",
    "/reports/{report_id}/evidence",
    "/reports/{report_id}/submit",
    "/reports/{report_id}/publish",
    "/reports/{report_id}/return-to-draft",
    "/reports/{report_id}/replies",
]


def test_the_openapi_document_loads_and_lists_every_path(client: Client) -> None:
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["info"]["title"] == "WPS Monitor API"
    assert sorted(document["paths"]) == sorted(f"{API}{p}" for p in EXPECTED_PATHS)
    assert "post" in document["paths"][f"{API}/reports"]
    assert document["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_the_docs_page_references_no_external_url(client: Client) -> None:
    response = client.get(f"{API}/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html
    assert re.findall(r"(?:https?:)?//[\w.-]+", html) == []
    assert '"validatorUrl": null' in html


def test_every_path_is_documented_in_docs_api_md() -> None:
    from pathlib import Path

    text = (Path(__file__).resolve().parents[3] / "docs" / "api.md").read_text()
    for path in EXPECTED_PATHS:
        assert path in text, path
