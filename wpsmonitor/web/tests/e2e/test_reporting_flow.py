"""A focal point and a civil-society monitor report; a visitor reads both, in two languages."""

from __future__ import annotations

import re

import pytest

from wpsmonitor.commitments.models import ProgressReport, ReportStatus

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-pass-2026"


def sign_in(page, username: str) -> None:  # noqa: ANN001
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/dashboard/")


def fill_and_publish(page, commitment, status: str, narrative: str) -> None:  # noqa: ANN001
    form = page.locator(f"#c-{commitment.pk}")
    form.get_by_label("Status").select_option(status)
    form.get_by_label("What was done").fill(narrative)
    form.get_by_role("button", name=re.compile("^Save")).click()
    # htmx swaps the form in place and says it was saved, without leaving the page.
    page.locator(f"#c-{commitment.pk}").get_by_text("Saved.").wait_for()
    page.get_by_role("button", name="Submit the report").click()
    page.get_by_text("The report is submitted.").wait_for()
    page.get_by_role("button", name="Publish the report").click()
    page.get_by_text("The report is published.").first.wait_for()


def test_a_focal_point_files_and_publishes_a_self_report(page, scene):
    sign_in(page, scene.focal_point.username)

    page.get_by_role("button", name="Start the self-assessment").click()
    fill_and_publish(page, scene.commitments[0], "complete", "All 38 municipalities appointed.")

    report = ProgressReport.objects.get(kind="self")
    assert report.status == ReportStatus.PUBLISHED
    assert report.updates.get().narrative == "All 38 municipalities appointed."


def test_a_civil_society_monitor_files_a_shadow_report_that_disagrees(page, scene):
    scene.self_report(statuses={scene.commitments[0]: "complete"}, publish=True)
    sign_in(page, scene.monitor.username)

    page.get_by_role("button", name="Start the shadow report").click()
    fill_and_publish(page, scene.commitments[0], "limited", "Only 12 appointments were made.")

    shadow = ProgressReport.objects.get(kind="shadow")
    assert shadow.status == ReportStatus.PUBLISHED
    assert shadow.updates.get().status == "limited"


def test_a_visitor_sees_both_ratings_side_by_side_with_the_disagreement_mark(page, scene):
    scene.self_report(statuses={scene.commitments[0]: "complete"}, publish=True)
    scene.shadow_report(statuses={scene.commitments[0]: "limited"}, publish=True)

    page.goto("/")
    page.get_by_role("link", name=scene.plan.title).click()

    item = page.locator(f"#c-{scene.commitments[0].pk}")
    ratings = item.locator(".ratings")
    assert "Government" in ratings.inner_text() and "Complete" in ratings.inner_text()
    assert "Civil society" in ratings.inner_text() and "Limited" in ratings.inner_text()
    mark = item.locator(".mark.disagree")
    assert mark.is_visible()
    assert "≠" in mark.inner_text()
    assert "Government and civil society disagree" in mark.inner_text()


def test_the_disagreement_filter_works_with_htmx(page, scene):
    scene.self_report(statuses={scene.commitments[0]: "complete"}, publish=True)
    scene.shadow_report(statuses={scene.commitments[0]: "limited"}, publish=True)
    page.goto(f"/instruments/{scene.plan.slug}/")

    page.get_by_label("Only where government and civil society disagree").check()

    page.get_by_text("Showing 1 of 3 commitments.").wait_for()
    assert "disagree=on" in page.url


def test_a_visitor_switches_to_albanian_and_sees_the_page_in_albanian(page, scene):
    page.goto(f"/instruments/{scene.plan.slug}/")

    page.get_by_label("Language").select_option("sq")
    page.get_by_role("button", name="Change").click()

    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sq"
    assert page.get_by_role("heading", name="Angazhimet", exact=True).is_visible()
    assert page.get_by_role("link", name="Ballina").first.is_visible()
    assert "Commitments" not in page.locator("main h2").all_inner_texts()
