"""Small charts drawn as SVG on the server: plain values in, an SVG string out.

No Django, no settings: callers pass already-translated titles and labels. Every chart carries
``role="img"``, an ``aria-label``, a ``<title>`` and a ``<desc>``; the pages show the same values
in a table beside it. Colours come from CSS classes so the page stylesheet (and the print
stylesheet) decide them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

Number = int | float | Decimal


@dataclass(frozen=True)
class Bar:
    label: str
    value: Number
    css: str = ""
    shown: str = ""  # the value as printed; defaults to the number itself


@dataclass(frozen=True)
class Segment:
    label: str
    value: Number
    css: str = ""


@dataclass(frozen=True)
class Line:
    label: str
    values: Sequence[Number | None]
    css: str = ""
    marker: str = "circle"  # circle, square or triangle


@dataclass(frozen=True)
class Group:
    label: str
    bars: Sequence[Bar]


def _num(value: Number | None) -> float:
    return float(value) if value is not None else 0.0


def _fmt(value: Number) -> str:
    number = float(value)
    if number == int(number):
        return str(int(number))
    return f"{number:.1f}"


def _open(width: int, height: int, title: str, desc: str, css: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {escape(css)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label={quoteattr(title)} focusable="false">'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>"
    )


def _text(x: float, y: float, text: str, *, anchor: str = "start", css: str = "") -> str:
    klass = f' class="{escape(css)}"' if css else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{klass}>{escape(text)}</text>'


def _clip(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(
    bars: Sequence[Bar], *, title: str, desc: str, width: int = 420, max_value: Number | None = None
) -> str:
    """Horizontal bars, one row per value, with the label on the left and the value on the right."""
    row, label_w, value_w = 22, 150, 60
    height = max(row * len(bars) + 8, 30)
    top = max([_num(b.value) for b in bars] + [_num(max_value), 0.0]) or 1.0
    plot_w = width - label_w - value_w
    parts = [_open(width, height, title, desc, "chart-bars")]
    for i, bar in enumerate(bars):
        y = 4 + i * row
        length = plot_w * _num(bar.value) / top
        parts.append(_text(label_w - 6, y + 14, _clip(bar.label, 24), anchor="end"))
        parts.append(
            f'<rect x="{label_w}" y="{y + 3}" width="{max(length, 0):.1f}" height="{row - 8}" '
            f'class="bar {escape(bar.css)}"/>'
        )
        parts.append(_text(label_w + length + 4, y + 14, bar.shown or _fmt(bar.value)))
    parts.append("</svg>")
    return "".join(parts)


def stacked_bar(
    segments: Sequence[Segment], *, title: str, desc: str, width: int = 420, height: int = 22
) -> str:
    """One horizontal bar split into segments in proportion to their values, with a text
    legend below (so no value is conveyed by colour alone)."""
    total = sum(_num(s.value) for s in segments)
    shown = [s for s in segments if _num(s.value) > 0]
    legend_rows = (len(shown) + 2) // 3
    full_h = height + 6 + legend_rows * 18
    parts = [_open(width, full_h, title, desc, "chart-stacked")]
    x = 0.0
    if total <= 0:
        parts.append(f'<rect x="0" y="0" width="{width}" height="{height}" class="bar empty"/>')
    for seg in shown:
        w = width * _num(seg.value) / total
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{height}" '
            f'class="seg {escape(seg.css)}"><title>{escape(seg.label)}: '
            f"{_fmt(seg.value)}</title></rect>"
        )
        x += w
    col_w = width / 3
    for i, seg in enumerate(shown):
        lx, ly = (i % 3) * col_w, height + 6 + (i // 3) * 18
        parts.append(
            f'<rect x="{lx:.1f}" y="{ly + 3:.1f}" width="10" height="10" '
            f'class="seg {escape(seg.css)}"/>'
        )
        parts.append(_text(lx + 14, ly + 12, f"{_clip(seg.label, 18)} {_fmt(seg.value)}"))
    parts.append("</svg>")
    return "".join(parts)


def progress_bar(
    value: Number | None,
    target: Number | None,
    *,
    title: str,
    desc: str,
    width: int = 200,
    shown: str = "",
) -> str:
    """A value against its target: a filled bar with a tick at the target."""
    height = 18
    parts = [_open(width, height, title, desc, "chart-progress")]
    top = max(_num(value), _num(target), 1.0)
    parts.append(f'<rect x="0" y="3" width="{width}" height="12" class="bar track"/>')
    if value is not None:
        w = width * _num(value) / top
        parts.append(f'<rect x="0" y="3" width="{w:.1f}" height="12" class="bar value"/>')
    if target is not None:
        tx = min(width * _num(target) / top, width - 2)
        parts.append(f'<rect x="{tx:.1f}" y="0" width="3" height="{height}" class="target"/>')
    if shown:
        parts.append(_text(4, 13, shown, css="on-bar"))
    parts.append("</svg>")
    return "".join(parts)


def grouped_bars(groups: Sequence[Group], *, title: str, desc: str, width: int = 420) -> str:
    """Groups of horizontal bars (for example allocated and disbursed per fiscal year)."""
    bars: list[Bar] = []
    for group in groups:
        for bar in group.bars:
            bars.append(Bar(f"{group.label} · {bar.label}", bar.value, bar.css, bar.shown))
    return bar_chart(bars, title=title, desc=desc, width=width)


def series_chart(
    periods: Sequence[str],
    lines: Sequence[Line],
    *,
    title: str,
    desc: str,
    targets: Sequence[Number | None] = (),
    baseline: Number | None = None,
    legend: Sequence[str] = ("Target", "Baseline"),
    width: int = 420,
    height: int = 200,
) -> str:
    """Values by period, one line per reporter, each with its own marker shape; targets as
    hollow diamonds; the baseline as a dashed line. A missing value leaves a gap."""
    left, right, top_pad, bottom = 44, 12, 26, 26
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    numbers = [_num(v) for line in lines for v in line.values if v is not None]
    numbers += [_num(t) for t in targets if t is not None]
    if baseline is not None:
        numbers.append(_num(baseline))
    top = max(numbers + [0.0]) or 1.0
    low = min(numbers + [0.0])
    span = (top - low) or 1.0
    step = plot_w / max(len(periods), 1)

    def x_of(i: int) -> float:
        return left + step * (i + 0.5)

    def y_of(v: Number) -> float:
        return top_pad + plot_h * (1 - (_num(v) - low) / span)

    parts = [_open(width, height, title, desc, "chart-series")]
    base_y = top_pad + plot_h
    parts.append(
        f'<line x1="{left}" y1="{base_y}" x2="{width - right}" y2="{base_y}" class="axis"/>'
    )
    parts.append(f'<line x1="{left}" y1="{top_pad}" x2="{left}" y2="{base_y}" class="axis"/>')
    parts.append(_text(left - 4, top_pad + 4, _fmt(top), anchor="end", css="tick"))
    parts.append(_text(left - 4, base_y, _fmt(low), anchor="end", css="tick"))
    if baseline is not None:
        y = y_of(baseline)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" class="baseline"/>'
        )
    for i, t in enumerate(targets):
        if t is not None and i < len(periods):
            parts.append(_diamond(x_of(i), y_of(t)))
    for line in lines:
        run: list[str] = []
        for i, v in enumerate(line.values[: len(periods)]):
            if v is None:
                if len(run) > 1:
                    parts.append(
                        f'<polyline points="{" ".join(run)}" class="line {escape(line.css)}"/>'
                    )
                run = []
                continue
            run.append(f"{x_of(i):.1f},{y_of(v):.1f}")
        if len(run) > 1:
            parts.append(f'<polyline points="{" ".join(run)}" class="line {escape(line.css)}"/>')
        for i, v in enumerate(line.values[: len(periods)]):
            if v is not None:
                parts.append(_marker(line.marker, x_of(i), y_of(v), line.css))
    for i, label in enumerate(periods):
        parts.append(_text(x_of(i), height - 8, _clip(label, 12), anchor="middle", css="tick"))
    # Legend: marker shapes differ, so the lines are told apart without colour.
    x = float(left)
    for line in lines:
        parts.append(_marker(line.marker, x + 5, 10, line.css))
        parts.append(_text(x + 13, 14, _clip(line.label, 22), css="tick"))
        x += 24 + 7.2 * min(len(line.label), 22)
    if any(t is not None for t in targets) and len(legend) > 0:
        parts.append(_diamond(x + 5, 10))
        parts.append(_text(x + 14, 14, legend[0], css="tick"))
        x += 26 + 7.2 * len(legend[0])
    if baseline is not None and len(legend) > 1:
        parts.append(f'<line x1="{x:.1f}" y1="10" x2="{x + 14:.1f}" y2="10" class="baseline"/>')
        parts.append(_text(x + 18, 14, legend[1], css="tick"))
    parts.append("</svg>")
    return "".join(parts)


def _diamond(x: float, y: float) -> str:
    return (
        f'<path d="M{x:.1f},{y - 6:.1f} L{x + 6:.1f},{y:.1f} L{x:.1f},{y + 6:.1f} '
        f'L{x - 6:.1f},{y:.1f} Z" class="target-mark"/>'
    )


def _marker(shape: str, x: float, y: float, css: str) -> str:
    if shape == "square":
        return (
            f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" '
            f'class="dot {escape(css)}"/>'
        )
    if shape == "triangle":
        return (
            f'<path d="M{x:.1f},{y - 5:.1f} L{x + 5:.1f},{y + 4:.1f} '
            f'L{x - 5:.1f},{y + 4:.1f} Z" class="dot {escape(css)}"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" class="dot {escape(css)}"/>'
