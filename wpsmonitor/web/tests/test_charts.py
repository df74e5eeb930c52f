"""The SVG charts: plain values in, accessible SVG out."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from wpsmonitor.web import charts

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


CHARTS = [
    charts.bar_chart(
        [charts.Bar("Allocated", 10), charts.Bar("Disbursed", Decimal("2.5"))],
        title="Budget",
        desc="Allocated 10, disbursed 2.5",
    ),
    charts.stacked_bar(
        [
            charts.Segment("Binding", 3, "strength-binding"),
            charts.Segment("Weak", 1, "strength-weak"),
        ],
        title="Strength",
        desc="Binding 3, weak 1",
    ),
    charts.progress_bar(Decimal(12), Decimal(40), title="Women trained", desc="12 of 40"),
    charts.series_chart(
        ["2023", "2024"],
        [charts.Line("Government", [1, 2])],
        title="Series",
        desc="1 then 2",
        targets=[None, 5],
        baseline=0,
    ),
    charts.grouped_bars(
        [charts.Group("EUR", [charts.Bar("allocated", 5)])], title="Grouped", desc="EUR allocated 5"
    ),
]


@pytest.mark.parametrize("svg", CHARTS)
def test_every_chart_is_an_image_with_a_title_and_a_description(svg):
    root = parse(svg)

    assert root.get("role") == "img"
    assert root.get("aria-label")
    assert root.find(f"{SVG}title").text
    assert root.find(f"{SVG}desc").text


def test_labels_are_escaped():
    svg = charts.bar_chart([charts.Bar("<script>&", 1)], title='A "quoted" <title>', desc="d")

    root = parse(svg)
    assert root.get("aria-label") == 'A "quoted" <title>'
    assert "<script>" not in svg


def test_bars_are_proportional_to_their_values():
    root = parse(charts.bar_chart([charts.Bar("a", 10), charts.Bar("b", 5)], title="t", desc="d"))

    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert widths[0] == pytest.approx(2 * widths[1])


def test_a_stacked_bar_with_no_values_draws_an_empty_track():
    root = parse(charts.stacked_bar([charts.Segment("a", 0)], title="t", desc="d"))

    assert [r.get("class") for r in root.iter(f"{SVG}rect")] == ["bar empty"]


def test_the_stacked_bar_legend_names_each_segment_with_its_count():
    svg = charts.stacked_bar(
        [charts.Segment("Binding", 3), charts.Segment("Weak", 1), charts.Segment("None", 0)],
        title="t",
        desc="d",
    )

    texts = [t.text for t in parse(svg).iter(f"{SVG}text")]
    assert texts == ["Binding 3", "Weak 1"]


def test_a_missing_value_breaks_the_line():
    svg = charts.series_chart(
        ["1", "2", "3", "4", "5"],
        [charts.Line("Government", [1, 2, None, 4, 5])],
        title="t",
        desc="d",
    )

    assert len(list(parse(svg).iter(f"{SVG}polyline"))) == 2


def test_targets_are_drawn_as_diamonds_and_the_baseline_as_a_dashed_line():
    svg = charts.series_chart(
        ["2023", "2024"],
        [charts.Line("Government", [1, 2])],
        title="t",
        desc="d",
        targets=[3, 6],
        baseline=1,
    )

    root = parse(svg)
    assert len([p for p in root.iter(f"{SVG}path") if p.get("class") == "target-mark"]) == 3
    assert [ln.get("class") for ln in root.iter(f"{SVG}line")].count("baseline") == 2


def test_reporters_have_different_marker_shapes():
    svg = charts.series_chart(
        ["2024"],
        [
            charts.Line("Government", [1], marker="circle"),
            charts.Line("Civil society", [2], marker="square"),
        ],
        title="t",
        desc="d",
    )

    root = parse(svg)
    assert len(list(root.iter(f"{SVG}circle"))) == 2  # the point and its legend entry
    assert len([r for r in root.iter(f"{SVG}rect") if "dot" in r.get("class", "")]) == 2


def test_the_chart_module_imports_no_django():
    source = open(charts.__file__, encoding="utf-8").read()

    assert "django" not in source
    assert "wpsmonitor.web.charts" in sys.modules
