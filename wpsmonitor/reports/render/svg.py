"""Bar charts as inline SVG, with a title and a text description for screen readers."""

from __future__ import annotations

from html import escape

from ..outline import Chart

PALETTE = ("#4b2e83", "#d9661f", "#2a7f62", "#8a8a8a")
LABEL_W, BAR_W, VALUE_W = 190, 380, 90
BAR_H, BAR_GAP, GROUP_GAP, TOP = 14, 3, 10, 8


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def chart_svg(chart: Chart, ident: str) -> str:
    """An accessible SVG bar chart: role="img", a <title> and a <desc> holding the values."""
    width = LABEL_W + BAR_W + VALUE_W
    legend = len(chart.series) > 1
    y = TOP + (22 if legend else 0)
    top = chart.maximum() or 1.0
    parts: list[str] = []
    if legend:
        x = LABEL_W
        for i, s in enumerate(chart.series):
            colour = PALETTE[i % len(PALETTE)]
            parts.append(f'<rect x="{x}" y="{TOP}" width="12" height="12" fill="{colour}"/>')
            parts.append(
                f'<text x="{x + 16}" y="{TOP + 10}" font-size="12">{escape(s.name)}</text>'
            )
            x += 24 + 8 * len(s.name)
    for c, category in enumerate(chart.categories):
        group_h = len(chart.series) * (BAR_H + BAR_GAP)
        parts.append(
            f'<text x="{LABEL_W - 8}" y="{y + group_h / 2 + 4:.1f}" font-size="12" '
            f'text-anchor="end">{escape(category)}</text>'
        )
        for i, s in enumerate(chart.series):
            value = s.values[c]
            w = BAR_W * value / top
            colour = PALETTE[i % len(PALETTE)]
            parts.append(
                f'<rect x="{LABEL_W}" y="{y}" width="{w:.1f}" height="{BAR_H}" fill="{colour}">'
                f"<title>{escape(s.name)}, {escape(category)}: {_fmt(value)}</title></rect>"
            )
            parts.append(
                f'<text x="{LABEL_W + w + 4:.1f}" y="{y + BAR_H - 3}" font-size="11">'
                f"{_fmt(value)}</text>"
            )
            y += BAR_H + BAR_GAP
        y += GROUP_GAP
    height = y + TOP
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{ident}-title {ident}-desc">'
        f'<title id="{ident}-title">{escape(chart.caption)}</title>'
        f'<desc id="{ident}-desc">{escape(chart.alt)}</desc>'
        f'<g font-family="DejaVu Sans, Verdana, sans-serif" fill="#222">{"".join(parts)}</g>'
        "</svg>"
    )
