"""The shadow report as one self-contained HTML file (inline CSS and SVG, no external assets)."""

from __future__ import annotations

from html import escape

from ..outline import Chart, Heading, ItemList, Outline, Paragraph, Table
from .svg import chart_svg

STYLE = """
body{font-family:"DejaVu Sans",Verdana,sans-serif;max-width:62rem;margin:2rem auto;
padding:0 1rem;line-height:1.45;color:#1d1d1d}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem;font-size:.9rem}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
th,td{border:1px solid #999;padding:.25rem .4rem;vertical-align:top;text-align:left}
thead th{background:#eee}
tr.marked td{background:#fff3cd;font-weight:bold}
figure{margin:1rem 0}figcaption{font-weight:bold}
.emphasis{font-weight:bold}
"""


def _lines(text: str) -> str:
    return "<br>".join(escape(part) for part in text.split("\n"))


def _table(table: Table) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in table.header)
    body = []
    for i, row in enumerate(table.rows):
        cls = ' class="marked"' if i in table.marked else ""
        cells = "".join(f"<td>{_lines(cell)}</td>" for cell in row)
        body.append(f"<tr{cls}>{cells}</tr>")
    return (
        f"<table><caption>{escape(table.label)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _chart(chart: Chart) -> str:
    ident = f"figure-{chart.number}"
    return (
        f'<figure id="{ident}">{chart_svg(chart, ident)}'
        f"<figcaption>{escape(chart.label)}</figcaption></figure>"
    )


def write(plan: Outline) -> bytes:
    """The HTML document of ``plan``: one h1, headings in order, tables with th, charts as
    SVG with a title and description."""
    body: list[str] = []
    for block in plan.blocks:
        if isinstance(block, Heading):
            body.append(f"<h{block.level}>{escape(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            cls = ' class="emphasis"' if block.emphasis else ""
            body.append(f"<p{cls}>{_lines(block.text)}</p>")
        elif isinstance(block, ItemList):
            tag = "ol" if block.ordered else "ul"
            items = "".join(f"<li>{_lines(item)}</li>" for item in block.items)
            body.append(f"<{tag}>{items}</{tag}>")
        elif isinstance(block, Table):
            body.append(_table(block))
        elif isinstance(block, Chart):
            body.append(_chart(block))
    lang = "sr-Latn" if plan.language == "sr-latn" else plan.language
    page = (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(plan.title)}</title><style>{STYLE}</style></head>"
        f"<body><main>{''.join(body)}</main></body></html>\n"
    )
    return page.encode("utf-8")
