"""Split a document into clause units with character offsets and paragraph references.

Units are sentences, numbered and lettered paragraphs, and the several operative clauses one
UN paragraph chains ("Urges ..., encourages ...; and requests ..."). Headings set the
reference ("Article 5", "Action 2.1"); page headers in capitals and empty lines are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Lexicon, load_lexicon
from .model import Clause
from .noise import clean, trailing_junk
from .strength import analyse_strength

_HEADING = re.compile(r"^\s*#{1,6}\s*(.*?)\s*#*\s*$")
_SECTION = re.compile(
    r"^\s*(Article|Action|Activity|Objective|Outcome|Output|Section|Chapter|Part|Pillar|Goal|"
    r"Result|Measure|Recommendation|Annex|Paragraph|OP)\s+([0-9IVXLC]+(?:\.\d+)*)\b\.?\s*[:–—-]?\s*",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^(\s*)(\d{1,3}(?:\.\d{1,3})*)[.)]\s+")
_LETTERED = re.compile(r"^(\s*)\(([a-z]{1,2}|[ivx]{1,5}|\d{1,3})\)\s*")
_BULLET = re.compile(r"^(\s*)[-*•–]\s+")
_MARKER_ONLY = re.compile(r"^\s*(?:\(([a-z]{1,2}|[ivx]{1,5}|\d{1,3})\)|(\d{1,3})\.)\s*$")
# Both open with the punctuation itself (so the engine jumps from one mark to the next); the
# cut is group 1, the space after it.
_INLINE_ITEM = re.compile(r"[:;](\s*)(?=\(([a-z]|[ivx]{1,4})\)\s*\S)")
_SENTENCE = re.compile(r"[.!?]([\"'”’)]*\s+)(?=[\"“(]?[A-Z])")
_ABBREVIATIONS = frozenset(
    "no art arts para paras mr ms mrs dr st u.s e.g i.e etc inc ltd co vs cf op rev corr add "
    "res".split()
)
_HAS_LOWER_WORD = re.compile(r"[a-z]{3,}")


@dataclass
class _Block:
    start: int
    end: int
    reference: str | None
    list_item: bool
    numbered: str | None = None


def _preamble_split(lexicon: Lexicon) -> re.Pattern[str]:
    openers = [o[:1].upper() + o[1:] for o in lexicon.data["preambular_openers"]]
    ordered = sorted(openers, key=len, reverse=True)
    return re.compile(r",\s*(?=(?:" + "|".join(re.escape(o) for o in ordered) + r")\b)")


_PREAMBLE_CACHE: dict[str, re.Pattern[str]] = {}


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    section: str | None = None
    paragraph: str | None = None
    pending: tuple[str, bool] | None = None
    pos = 0
    for line in text.splitlines(keepends=True):
        line_start = pos
        pos += len(line)
        content = line.rstrip("\r\n")
        if not content.strip():
            current = None
            continue
        heading = _HEADING.match(content)
        if heading:
            current = None
            label = _SECTION.match(heading.group(1))
            if label:
                section = (
                    f"{label.group(1).title() if label.group(1) != 'OP' else 'OP'} {label.group(2)}"
                )
                paragraph = None
            continue
        marker_only = _MARKER_ONLY.match(content)
        if marker_only:
            current = None
            mark = marker_only.group(1) or marker_only.group(2)
            pending = (mark, marker_only.group(1) is not None)
            continue
        end = line_start + len(content.rstrip())
        section_line = _SECTION.match(content)
        if section_line and section_line.group(1).lower() != "paragraph":
            name = section_line.group(1)
            section = f"{'OP' if name.upper() == 'OP' else name.title()} {section_line.group(2)}"
            paragraph = None
            rest = line_start + section_line.end()
            current = None
            if rest < end:
                current = _Block(rest, end, section, False)
                blocks.append(current)
            continue
        numbered = _NUMBERED.match(content)
        lettered = _LETTERED.match(content)
        bullet = _BULLET.match(content)
        if pending is not None:
            mark, in_parens = pending
            pending = None
            start = line_start + len(content) - len(content.lstrip())
            parent = paragraph or section
            reference = (
                f"{parent}({mark})"
                if parent and in_parens
                else (f"({mark})" if in_parens else mark)
            )
            current = _Block(start, end, reference, False)
            blocks.append(current)
        elif numbered:
            number = numbered.group(2)
            start = line_start + numbered.end()
            reference = f"{section}({number})" if section else number
            paragraph = reference
            current = _Block(start, end, reference, False, numbered=number)
            blocks.append(current)
        elif lettered:
            start = line_start + len(lettered.group(1))
            parent = paragraph or section
            mark = lettered.group(2)
            reference = f"{parent}({mark})" if parent else f"({mark})"
            current = _Block(start, end, reference, True)
            blocks.append(current)
        elif bullet:
            start = line_start + bullet.end()
            current = _Block(start, end, paragraph or section, False)
            blocks.append(current)
        elif current is not None:
            current.end = end
        else:
            start = line_start + len(content) - len(content.lstrip())
            current = _Block(start, end, section, False)
            blocks.append(current)
    return blocks


def _cuts(work: str, lexicon: Lexicon) -> list[tuple[int, int, bool, str | None]]:
    """Cut points (end of previous unit, start of next, next is list item, item letter)."""
    cuts: list[tuple[int, int, bool, str | None]] = []
    for match in _INLINE_ITEM.finditer(work):
        cuts.append((match.start(1), match.end(1), True, match.group(2)))
    for match in _SENTENCE.finditer(work):
        cut = match.start(1)
        before = work[max(0, cut - 12) : cut].split()
        word = before[-1].rstrip(".").lower() if before else ""
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        cuts.append((cut, match.end(1), False, None))
    preamble = _PREAMBLE_CACHE.get(lexicon.language)
    if preamble is None:
        preamble = _PREAMBLE_CACHE.setdefault(lexicon.language, _preamble_split(lexicon))
    for match in preamble.finditer(work):
        cuts.append((match.start(), match.end(), False, None))
    for match in lexicon.chain.finditer(work):
        cuts.append((match.start(), match.end(), False, None))
    cuts.sort()
    return cuts


def _kind(text: str, lexicon: Lexicon, language: str) -> str:
    if lexicon.preambular.match(text):
        return "preambular"
    result = analyse_strength(text, language)
    return "operative" if result.lead is not None else "other"


def clauses(text: str, *, language: str = "en") -> list[Clause]:
    """The clause units of a document, in order; ``text[c.start:c.end] == c.text`` for each."""
    lexicon = load_lexicon(language)
    out: list[Clause] = []
    seen: set[str] = set()
    parent_kind = "other"
    for block in _blocks(text):
        first = len(out)  # the block's clauses are out[first:]
        work = clean(text[block.start : block.end])
        pieces: list[tuple[int, int, bool, str | None]] = []
        begin, item, letter = 0, block.list_item, None
        for cut_end, cut_start, next_item, next_letter in _cuts(work, lexicon):
            if cut_end < begin:
                continue
            pieces.append((begin, cut_end, item, letter))
            begin, item, letter = cut_start, next_item, next_letter
        pieces.append((begin, len(work), item, letter))
        for local_start, local_end, is_item, mark in pieces:
            start = block.start + local_start
            end = block.start + local_end
            raw = text[start:end]
            stripped = raw.rstrip(" \t\r\n;,")
            bad = False
            junk = trailing_junk(stripped)
            if junk is not None:
                stripped = stripped[:junk].rstrip(" \t\r\n;,")
                bad = True
            lead_space = len(stripped) - len(stripped.lstrip())
            start += lead_space
            end = start + len(stripped.strip())
            unit = text[start:end]
            if not _HAS_LOWER_WORD.search(unit):
                continue
            reference = block.reference
            if mark:
                base = block.reference or ""
                reference = f"{base}({mark})" if base else f"({mark})"
            kind = _kind(unit, lexicon, language)
            if is_item and kind == "other" and parent_kind == "operative":
                kind = "operative"
            key = " ".join(unit.split()).lower()
            if key in seen and len(key) > 20:
                bad = True
            seen.add(key)
            if len(unit.split()) < 3 or "](" in unit:
                bad = True
            out.append(Clause(unit, start, end, reference, kind, bad, is_item))
            if not is_item:
                parent_kind = kind
        if block.numbered and _looks_operative_paragraph(out, first):
            _rename_paragraph(out, first, block)
    return out


def _looks_operative_paragraph(out: list[Clause], first: int) -> bool:
    """Whether the block whose clauses are ``out[first:]`` opens with an operative clause."""
    return first < len(out) and out[first].kind == "operative" and out[first].text[:1].isupper()


def _rename_paragraph(out: list[Clause], first: int, block: _Block) -> None:
    """A numbered paragraph that opens with an operative verb is an operative paragraph (OP)."""
    if block.reference is None or block.reference != block.numbered:
        return
    for index in range(first, len(out)):
        clause = out[index]
        if clause.reference is not None:
            if clause.reference.startswith(block.reference):
                suffix = clause.reference[len(block.reference) :]
                out[index] = Clause(
                    clause.text, clause.start, clause.end, f"OP {block.reference}{suffix}",
                    clause.kind, clause.bad_unit, clause.list_item,
                )  # fmt: skip
