"""Read a Word (.docx) file: paragraphs in body order, headings, list numbers and tables.

The body XML is walked directly so that merged cells (``w:gridSpan``, ``w:vMerge``) can be
resolved: a merged cell's text is repeated into every grid position it covers.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from lxml import etree

from wpsmonitor.intake.document import Block, Heading, Limits, Paragraph
from wpsmonitor.intake.errors import CorruptFile, IntakeError
from wpsmonitor.intake.readers.archive import check_xml_parts, open_archive
from wpsmonitor.intake.readers.common import Deadline
from wpsmonitor.intake.readers.tables import build_table, merge_continued

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, TBL, TR, TC, SDT, SDT_CONTENT = (_w(t) for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
T, TAB, BR, CR, DEL, INSTR = (_w(t) for t in ("t", "tab", "br", "cr", "del", "instrText"))
FALLBACK = f"{{{MC}}}Fallback"
VAL = _w("val")
_SKIP = {DEL, FALLBACK, _w("delText"), INSTR, _w("pPr"), _w("rPr"), _w("footnoteReference")}
_HEADING_NAME = re.compile(r"^(?:heading|titre|titull|naslov|überschrift)\s*(\d)$", re.IGNORECASE)


@dataclass
class _Style:
    name: str
    based_on: str | None
    outline: int | None
    num: tuple[str | None, int | None]


@dataclass
class _Level:
    fmt: str
    text: str
    start: int


@dataclass
class _Numbering:
    """Word's list numbering: renders "1.", "1.2.", "(a)" the way Word counts them."""

    abstract_of: dict[str, str] = field(default_factory=dict)
    start_override: dict[tuple[str, int], int] = field(default_factory=dict)
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started_nums: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, element: Any) -> _Numbering:
        numbering = cls()
        if element is None:
            return numbering
        for abstract in element.iter(_w("abstractNum")):
            levels: dict[int, _Level] = {}
            for lvl in abstract.iter(_w("lvl")):
                fmt = lvl.find(_w("numFmt"))
                text = lvl.find(_w("lvlText"))
                start = lvl.find(_w("start"))
                levels[int(lvl.get(_w("ilvl"), "0"))] = _Level(
                    fmt.get(VAL, "decimal") if fmt is not None else "decimal",
                    text.get(VAL, "") if text is not None else "",
                    int(start.get(VAL, "1")) if start is not None else 1,
                )
            numbering.levels[abstract.get(_w("abstractNumId"), "")] = levels
        for num in element.iter(_w("num")):
            num_id = num.get(_w("numId"), "")
            ref = num.find(_w("abstractNumId"))
            if ref is not None:
                numbering.abstract_of[num_id] = ref.get(VAL, "")
            for override in num.iter(_w("lvlOverride")):
                start = override.find(_w("startOverride"))
                if start is not None:
                    level = int(override.get(_w("ilvl"), "0"))
                    numbering.start_override[(num_id, level)] = int(start.get(VAL, "1"))
        return numbering

    def next(self, num_id: str, level: int) -> str | None:
        abstract = self.abstract_of.get(num_id)
        if abstract is None or num_id == "0":
            return None
        levels = self.levels.get(abstract, {})
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.started_nums:
            self.started_nums.add(num_id)
            for (nid, lvl), start in self.start_override.items():
                if nid == num_id:
                    counters[lvl] = start - 1
                    for deeper in [k for k in counters if k > lvl]:
                        del counters[deeper]
        spec = levels.get(level, _Level("decimal", f"%{level + 1}.", 1))
        counters[level] = counters.get(level, spec.start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        if spec.fmt in ("bullet", "none") or not spec.text:
            return None

        def value(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            lvl_spec = levels.get(k, _Level("decimal", "", 1))
            return _format(counters.get(k, lvl_spec.start), lvl_spec.fmt)

        return re.sub(r"%(\d)", value, spec.text).strip() or None


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    # Word repeats the letter past z: a..z, aa..zz.
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def _format(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _styles(document: Any) -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    for style in document.styles.element.iter(_w("style")):
        name = style.find(_w("name"))
        based = style.find(_w("basedOn"))
        ppr = style.find(_w("pPr"))
        outline = ppr.find(_w("outlineLvl")) if ppr is not None else None
        num_pr = ppr.find(_w("numPr")) if ppr is not None else None
        styles[style.get(_w("styleId"), "")] = _Style(
            name.get(VAL, "") if name is not None else "",
            based.get(VAL) if based is not None else None,
            int(outline.get(VAL, "9")) if outline is not None else None,
            _num_pr(num_pr),
        )
    return styles


def _num_pr(num_pr: Any) -> tuple[str | None, int | None]:
    if num_pr is None:
        return (None, None)
    num_id = num_pr.find(_w("numId"))
    ilvl = num_pr.find(_w("ilvl"))
    return (
        num_id.get(VAL) if num_id is not None else None,
        int(ilvl.get(VAL, "0")) if ilvl is not None else None,
    )


class _Body:
    def __init__(self, document: Any, deadline: Deadline) -> None:
        self.styles = _styles(document)
        try:
            numbering_element = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            numbering_element = None
        self.numbering = _Numbering.load(numbering_element)
        self.deadline = deadline
        self.tables_seen = 0

    def style_chain(self, style_id: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = style.based_on

    def heading_level(self, p: Any, style_id: str | None) -> int | None:
        ppr = p.find(_w("pPr"))
        outline = ppr.find(_w("outlineLvl")) if ppr is not None else None
        if outline is not None:
            level = int(outline.get(VAL, "9"))
            return level + 1 if level < 9 else None
        for style in self.style_chain(style_id):
            if style.name.lower() == "title":
                return 0
            match = _HEADING_NAME.match(style.name.strip())
            if match:
                return int(match.group(1))
            if style.outline is not None:
                return style.outline + 1 if style.outline < 9 else None
        return None

    def number(self, p: Any, style_id: str | None) -> str | None:
        ppr = p.find(_w("pPr"))
        num_id, level = _num_pr(ppr.find(_w("numPr")) if ppr is not None else None)
        if num_id is None or level is None:
            for style in self.style_chain(style_id):
                style_num, style_level = style.num
                num_id = num_id or style_num
                level = level if level is not None else style_level
                if num_id:
                    break
        if not num_id:
            return None
        return self.numbering.next(num_id, level or 0)

    def blocks(self, container: Any) -> Iterator[Block]:
        for child in container:
            if child.tag == P:
                yield from self.paragraph(child)
            elif child.tag == TBL:
                self.tables_seen += 1
                self.deadline.check(f"table {self.tables_seen}")
                yield from build_table(_table_grid(child))
            elif child.tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    yield from self.blocks(content)

    def paragraph(self, p: Any) -> Iterator[Block]:
        ppr = p.find(_w("pPr"))
        style_el = ppr.find(_w("pStyle")) if ppr is not None else None
        style_id = style_el.get(VAL) if style_el is not None else None
        # An empty numbered paragraph still takes a number in Word, so count it first.
        number = self.number(p, style_id)
        text = _clean(_text(p))
        if not text:
            return
        level = self.heading_level(p, style_id)
        if level is not None:
            yield Heading(level, f"{number} {text}" if number else text)
        else:
            yield Paragraph(text, number)


def _text_parts(element: Any) -> Iterator[str]:
    for child in element:
        tag = child.tag
        if tag in _SKIP or not isinstance(tag, str):
            continue
        if tag == T:
            yield child.text or ""
        elif tag == TAB:
            yield "\t"
        elif tag in (BR, CR):
            yield "\n"
        elif tag == P:
            yield from _text_parts(child)
            yield "\n"
        else:
            yield from _text_parts(child)


def _text(element: Any) -> str:
    return "".join(_text_parts(element))


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def _cell_text(tc: Any) -> str:
    lines: list[str] = []
    for child in tc:
        if child.tag == P:
            lines.append(_text(child).replace("\t", " "))
        elif child.tag == TBL:
            lines.extend(" | ".join(cell for cell in row if cell) for row in _table_grid(child))
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                lines.append(_cell_text(content))
    return "\n".join(line.strip() for line in lines if line.strip())


def _children(element: Any, tag: str) -> Iterator[Any]:
    """Direct children with this tag, looking through content controls."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _children(content, tag)


def _int_prop(parent: Any, tag: str, default: int) -> int:
    if parent is None:
        return default
    prop = parent.find(_w(tag))
    try:
        return int(prop.get(VAL)) if prop is not None else default
    except (TypeError, ValueError):
        return default


def _table_grid(tbl: Any) -> list[list[str]]:
    """The table as a rectangular grid with merged cells repeated into each position."""
    grid: list[list[str]] = []
    for tr in _children(tbl, TR):
        trpr = tr.find(_w("trPr"))
        col = _int_prop(trpr, "gridBefore", 0)
        row: list[str] = [""] * col
        above = grid[-1] if grid else []
        for tc in _children(tr, TC):
            tcpr = tc.find(_w("tcPr"))
            span = max(1, _int_prop(tcpr, "gridSpan", 1))
            vmerge = tcpr.find(_w("vMerge")) if tcpr is not None else None
            if vmerge is not None and vmerge.get(VAL, "continue") == "continue":
                value = above[col] if col < len(above) else ""
            else:
                value = _cell_text(tc)
            row.extend([value] * span)
            col += span
        grid.append(row)
    return grid


def read_docx(path: Path, limits: Limits, deadline: Deadline) -> tuple[list[Block], int | None]:
    """The blocks of a .docx file; the page count is not known without laying the text out."""
    with open_archive(str(path), limits) as archive:
        check_xml_parts(archive)
    try:
        document = docx.Document(str(path))
    except IntakeError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, OSError) as exc:
        raise CorruptFile(
            "The Word file is damaged and cannot be read; open it in Word, save it again and "
            f"upload the new copy ({type(exc).__name__})."
        ) from exc
    body = _Body(document, deadline)
    blocks = list(body.blocks(document.element.body))
    return merge_continued(blocks), None
