"""Find the structure of a resolution or other numbered text: preambular paragraphs, operative
paragraphs and their lettered sub-paragraphs, or articles, each with a reference ("OP 5 (b)",
"PP 2", "Article 5 (a)", "(1)").

Numbering in extracted text is noisy (page numbers, numbers inside sentences), so a number only
starts a paragraph when it continues the sequence: after paragraph 4, only 5 does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from wpsmonitor.intake.document import Document

# Words that open a preambular paragraph; an adverb may precede them ("Further recalling").
PREAMBULAR_OPENINGS = (
    "Recalling", "Reaffirming", "Noting", "Deeply concerned", "Gravely concerned", "Concerned",
    "Bearing in mind", "Recognizing", "Recognising", "Welcoming", "Stressing", "Emphasizing",
    "Emphasising", "Acknowledging", "Affirming", "Considering", "Convinced", "Determined",
    "Expressing", "Taking note", "Taking into account", "Taking into consideration", "Aware",
    "Mindful", "Underlining", "Underscoring", "Reiterating", "Guided by", "Having considered",
    "Having regard", "Having examined", "Alarmed", "Deploring", "Condemning", "Commending",
    "Appreciating", "Believing", "Desiring", "Observing", "Whereas", "Encouraged", "Regretting",
    "Keeping in mind", "Seeking", "Cognizant", "Cognisant", "Conscious", "Highlighting",
    "Pointing out", "Realizing", "Realising", "Reaffirming", "Acknowledging", "Looking forward",
    "Noting with concern", "Noting with appreciation", "Fully committed", "Committed",
    "Emphasizing", "Reiterating", "Welcoming",
)  # fmt: skip
OPENING_ADVERBS = ("Also", "Further", "Furthermore", "Deeply", "Gravely", "Strongly", "Recalling")
# Phrases that introduce the operative part; they belong to neither part.
OPERATIVE_CHAPEAUX = (
    "Have agreed on the following", "Have agreed as follows", "Agree as follows",
    "Resolved, That", "Resolved that", "That the House of Representatives", "That the Senate",
    "Adopts the following", "Decides as follows", "The Security Council,", "The General Assembly,",
)  # fmt: skip
ARTICLE_WORDS = ("Article", "Neni", "Član", "Clan", "Članak", "Artikulli", "Art.")
# Words before a number that make it part of the sentence, not a stray page number.
_NUMBER_WORDS = frozenset(
    """paragraph paragraphs article articles resolution resolutions section sections annex
    chapter part op pp no number level phase year years rule rules principle principles item
    items page pages of to than least about by""".split()
)
OPERATIVE_ADVERBS = ("Also", "Further", "Furthermore", "Strongly", "Again", "Once", "Urgently",
                     "Firmly", "Deeply", "Reiterates")  # fmt: skip

_OPENING_RE = re.compile(
    r"^(?:(?:"
    + "|".join(OPENING_ADVERBS)
    + r")\s+)?(?:"
    + "|".join(sorted({re.escape(o) for o in PREAMBULAR_OPENINGS}, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_RUN_ON_SPLIT = re.compile(
    r",\s*(?=(?:"
    + "|".join(
        sorted(
            {re.escape(o) for o in PREAMBULAR_OPENINGS + OPERATIVE_CHAPEAUX}, key=len, reverse=True
        )
    )
    + r")\b)"
)
_NUMBER_MARK = re.compile(r"^\s*(?:(\d{1,3})\s?[.)](?!\d)|\((\d{1,3})\))\s*")
_LETTER_MARK = re.compile(r"^\s*\(?([a-z]{1,4})\)\s*")
_MARK_ONLY = re.compile(r"^\s*(?:\d{1,3}\s?[.)]|\(\d{1,3}\)|\(?[a-z]{1,4}\))\s*$")
_ARTICLE = re.compile(
    r"^\s*(?:" + "|".join(re.escape(w) for w in ARTICLE_WORDS) + r")\s*(\d{1,3}|premier|first)\b"
    r"[.:]?\s*(.*)$",
    re.IGNORECASE,
)
_ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv")


@dataclass(frozen=True)
class Clause:
    """A numbered, lettered or preambular unit of a text, with its sub-items."""

    reference: str
    label: str
    text: str
    items: tuple[Clause, ...] = ()
    opening: str | None = None
    raw: str = ""

    def walk(self) -> Iterator[Clause]:
        yield self
        for item in self.items:
            yield from item.walk()


@dataclass(frozen=True)
class ResolutionStructure:
    """Preambular and operative parts; for a treaty, ``operative`` holds its articles."""

    title: str | None
    chapeau: str | None
    preamble: tuple[Clause, ...]
    operative: tuple[Clause, ...]
    style: str
    warnings: tuple[str, ...] = ()

    def clauses(self) -> Iterator[Clause]:
        for clause in (*self.preamble, *self.operative):
            yield from clause.walk()

    @property
    def references(self) -> tuple[str, ...]:
        return tuple(c.reference for c in self.clauses())

    def find(self, reference: str) -> Clause | None:
        wanted = " ".join(reference.split()).casefold()
        return next((c for c in self.clauses() if c.reference.casefold() == wanted), None)


# --------------------------------------------------------------------------- cleaning


class _PageNumbers:
    """Stray page numbers left inside sentences by PDF extraction ("consistent 3 with").

    A number counts as a page number only when it continues the sequence of those found before
    (the first may be 1 to 3), sits between words, and does not follow a word like "paragraph".
    """

    _CANDIDATE = re.compile(r"(?<=[A-Za-z;,:’'])\s(\d{1,3})(?=\s[a-z]|\s*$)")

    def __init__(self) -> None:
        self.last: int | None = None

    def clean(self, text: str) -> str:
        def replace(match: re.Match[str]) -> str:
            number = int(match.group(1))
            before = text[: match.start()].split()
            previous_word = before[-1].strip(",;:").casefold() if before else ""
            expected = number == self.last + 1 if self.last is not None else number <= 3
            if expected and previous_word not in _NUMBER_WORDS:
                self.last = number
                return ""
            return match.group(0)

        return self._CANDIDATE.sub(replace, text)


def _clean(text: str, pages: _PageNumbers) -> str:
    text = " ".join(text.split())
    text = re.sub(r";\s*;", ";", text)
    text = pages.clean(text)
    # A word fragment repeated after the end of the paragraph: "violence;ence;".
    match = re.search(r"(\w{3,})([;.,])\s*(\w{2,})[;.,]?\s*$", text)
    if match and match.group(1).endswith(match.group(3)) and match.group(1) != match.group(3):
        text = text[: match.end(2)]
    return text.strip()


# --------------------------------------------------------------------------- units


@dataclass
class _Unit:
    text: str
    heading: bool = False


def _units(text: str) -> list[_Unit]:
    """Paragraph-sized pieces: blank-line separated (or one per line when the text has no blank
    lines), with a new piece at every line that starts with a number or letter mark."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")
    blank_separated = any(not line.strip() for line in lines)
    units: list[_Unit] = []
    current: list[str] = []
    pending_mark = ""

    def flush() -> None:
        if current:
            units.append(_Unit(" ".join(current)))
            current.clear()

    for line in lines:
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if stripped.startswith("#"):
            flush()
            units.append(_Unit(stripped.lstrip("#").strip(), heading=True))
            continue
        if _MARK_ONLY.match(stripped) and not pending_mark:
            flush()
            pending_mark = stripped
            continue
        if pending_mark:
            stripped = f"{pending_mark} {stripped}"
            pending_mark = ""
            flush()
        elif _NUMBER_MARK.match(stripped) or _LETTER_MARK.match(stripped):
            flush()
        elif _ARTICLE.match(stripped) and len(stripped) < 40:
            flush()
            units.append(_Unit(stripped, heading=True))
            continue
        current.append(stripped)
        if not blank_separated:
            flush()
    if pending_mark:
        current.append(pending_mark)
    flush()
    return units


# --------------------------------------------------------------------------- building


@dataclass
class _Node:
    label: str
    text: str
    kind: str  # "number", "letter", "roman", "article", "preamble"
    items: list[_Node] = field(default_factory=list)
    opening: str | None = None

    def expected_letter(self) -> str:
        letters = [i for i in self.items if i.kind == "letter"]
        return chr(ord(letters[-1].label.strip("()")) + 1) if letters else "a"


def _letter_kind(mark: str, parent: _Node | None) -> str | None:
    """Whether "(x)" continues the letters of ``parent`` or the roman numerals below them."""
    if parent is None:
        return None
    if len(mark) == 1 and mark == parent.expected_letter():
        return "letter"
    letters = [i for i in parent.items if i.kind == "letter"]
    if letters and mark in _ROMANS:
        romans = [i for i in letters[-1].items if i.kind == "roman"]
        expected = _ROMANS[len(romans)] if len(romans) < len(_ROMANS) else ""
        if mark == expected:
            return "roman"
    return None


_INLINE_MARK = re.compile(
    r"(?:(?<=[:;—–-])|(?<=[:;,]\s)|(?<=;\s\s)|(?<=\band\s)|(?<=\bor\s)|^)\s*\(([a-z]{1,4})\)\s"
)


def _split_inline(node: _Node) -> None:
    """Lettered sub-paragraphs written inside one paragraph: "... inter alia: (a) ...; (b) ..."."""
    if node.items:
        return
    marks: list[tuple[re.Match[str], str]] = []
    for match in _INLINE_MARK.finditer(node.text):
        mark = match.group(1)
        letters = [m for m, kind in marks if kind == "letter"]
        expected = chr(ord("a") + len(letters))
        if mark == expected:
            marks.append((match, "letter"))
    if len(marks) < 2:
        return
    head = node.text[: marks[0][0].start()].strip()
    for position, (match, _) in enumerate(marks):
        end = marks[position + 1][0].start() if position + 1 < len(marks) else len(node.text)
        body = node.text[match.end() : end].strip()
        node.items.append(_Node(f"({match.group(1)})", body, "letter"))
    node.text = head


def _opening(text: str) -> str | None:
    match = _OPENING_RE.match(text)
    return match.group(0) if match else None


def _operative_verb(text: str) -> str | None:
    words = re.findall(r"[A-Za-z’'-]+", text[:80])
    if not words or not words[0][0].isupper():
        return None
    if words[0] in OPERATIVE_ADVERBS and len(words) > 1:
        return f"{words[0]} {words[1]}"
    return words[0]


def _to_clause(node: _Node, prefix: str, pages: _PageNumbers) -> Clause:
    if node.kind == "article":
        reference = node.label
    elif node.kind == "preamble":
        reference = f"PP {node.label}"
    elif node.kind == "number":
        reference = f"{prefix} {node.label}".strip()
    else:
        reference = f"{prefix} {node.label}".strip()
    text = _clean(node.text, pages)
    items = tuple(_to_clause(item, reference, pages) for item in node.items)
    return Clause(reference, node.label, text, items, node.opening, node.text)


def parse_resolution(source: Document | str) -> ResolutionStructure:
    """The preamble and numbered operative paragraphs (or articles) of a resolution or treaty."""
    text = source.plain_text() if isinstance(source, Document) else source
    units = _units(text)
    title: str | None = None
    chapeau_parts: list[str] = []
    preamble: list[_Node] = []
    top: list[_Node] = []
    warnings: list[str] = []
    article: _Node | None = None
    paragraph: _Node | None = None  # the open numbered paragraph
    last: _Node | None = None  # where continuation text goes
    expected_number = 1
    any_article = any(u.heading and _ARTICLE.match(u.text) for u in units)

    for unit in units:
        if unit.heading:
            match = _ARTICLE.match(unit.text)
            if match:
                number = match.group(1)
                number = "1" if number.casefold() in ("premier", "first") else number
                article = _Node(f"Article {number}", match.group(2).strip(), "article")
                top.append(article)
                paragraph = None
                last = article
                expected_number = 1
            elif title is None and not top and not preamble:
                title = unit.text
            continue
        content = unit.text
        number_match = _NUMBER_MARK.match(content)
        letter_match = _LETTER_MARK.match(content)
        if number_match:
            number = int(number_match.group(1) or number_match.group(2))
            if number == expected_number or (number == 1 and article is None and not top):
                style_paren = number_match.group(2) is not None
                label = f"({number})" if style_paren else str(number)
                node = _Node(label, content[number_match.end() :], "number")
                if article is not None:
                    node.label = f"({number})"
                    article.items.append(node)
                else:
                    top.append(node)
                paragraph = last = node
                expected_number = number + 1
                continue
        if letter_match:
            mark = letter_match.group(1)
            parent = paragraph or article
            kind = _letter_kind(mark, parent)
            if parent is not None and kind == "letter":
                node = _Node(f"({mark})", content[letter_match.end() :], "letter")
                parent.items.append(node)
                last = node
                continue
            if parent is not None and kind == "roman":
                letters = [i for i in parent.items if i.kind == "letter"]
                node = _Node(f"({mark})", content[letter_match.end() :], "roman")
                letters[-1].items.append(node)
                last = node
                continue
        if last is None:
            # Before the first operative paragraph or article: the preamble, and the lines that
            # introduce the operative part. A run-on preamble is split at each opening word.
            for segment in _RUN_ON_SPLIT.split(content):
                segment = segment.strip()
                if not segment:
                    continue
                opening = _opening(segment)
                # A preambular paragraph ends with a comma or semicolon; a sentence ending in
                # a full stop is a title ("Affirming the role of ...").
                is_sentence = segment.endswith(".") and not segment.startswith("Whereas")
                if opening and segment[0].isupper() and not is_sentence:
                    preamble.append(
                        _Node(str(len(preamble) + 1), segment, "preamble", opening=opening)
                    )
                else:
                    chapeau_parts.append(segment)
            continue
        if number_match and last is not None:
            warnings.append(
                f"“{content[:40]}…” starts with {number_match.group(0).strip()} but paragraph "
                f"{expected_number} was expected; it is read as part of the paragraph before."
            )
        last.text = f"{last.text} {content}".strip()

    for node in top:
        if node.kind == "number":
            _split_inline(node)
            node.opening = _operative_verb(node.text)
        for item in node.items:
            if item.kind == "number":
                _split_inline(item)
    pages = _PageNumbers()
    style = "articles" if any_article else "resolution"
    prefix = "" if any(n.label.startswith("(") for n in top) else "OP"
    operative = tuple(
        _to_clause(node, prefix if node.kind == "number" else "", pages) for node in top
    )
    return ResolutionStructure(
        title=title,
        chapeau=" ".join(chapeau_parts) or None,
        preamble=tuple(_to_clause(node, "", pages) for node in preamble),
        operative=operative,
        style=style,
        warnings=tuple(warnings),
    )
