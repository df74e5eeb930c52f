"""Parse the values people type into plan cells: timelines, budgets, quantities, organisations.

Every parser keeps the raw text and says with ``ok`` whether it understood it; none guesses
silently. Amounts are ``Decimal``; dates are ``date``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from typing import Generic, TypeVar

from wpsmonitor.intake.text import fold, squash, strip_accents

# --------------------------------------------------------------------------- timelines


@dataclass(frozen=True)
class Timeline:
    """When an action happens: ``start``/``end`` are the first and last day it covers."""

    start: date | None
    end: date | None
    ongoing: bool
    raw: str
    ok: bool


MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan janar janari januar januara janvier",
        "february feb shkurt shkurti februar februara fevrier",
        "march mar mars marsi mart marta",
        "april apr prill prilli aprila avril",
        "may maj maji maja mai",
        "june jun qershor qershori juni juna juin",
        "july jul korrik korriku juli jula juillet",
        "august aug gusht gushti avgust avgusta aout",
        "september sep sept shtator shtatori septembar septembra septembre",
        "october oct tetor tetori oktobar oktobra octobre",
        "november nov nentor nentori novembar novembra novembre",
        "december dec dhjetor dhjetori decembar decembra decembre",
    ],
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number

ONGOING_WORDS = (
    # en
    "ongoing", "on going", "continuous", "continuously", "continual", "permanent", "permanently",
    "throughout", "annually", "annual", "every year", "regularly", "continuing",
    # sq
    "vazhdimisht", "ne vazhdim", "i vazhdueshem", "vazhdueshem", "e perhershme", "perhershme",
    "perhere", "cdo vit", "cdo vite",
    # sr-Latn
    "kontinuirano", "stalno", "kontinuiran", "trajno", "godisnje", "svake godine", "u toku",
    # fr
    "en continu", "continu", "en cours", "chaque annee", "annuel", "annuellement",
    "permanente",
)  # fmt: skip
_ONGOING = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in ONGOING_WORDS) + r")\b")
_BY = re.compile(
    r"^(?:by|until|till|before|no later than|latest|deadline|due|due by|not later than|"
    r"deri ne|deri me|deri|brenda|jo me vone se|najkasnije do|do|zakljucno sa|"
    r"avant|d ici|d ici a|jusqu a|jusqu au|au plus tard|au plus tard le)\b[\s:]*"
)
_FROM = re.compile(
    r"^(?:from|starting|starting in|beginning|since|nga|duke filluar nga|prej|od|pocevsi od|"
    r"a partir de|des|depuis)\b[\s:]*"
)
_END_OF = re.compile(r"^(?:the )?(?:end of|end|fund(?:i)? i|fundi|kraj|kraja|krajem|fin|la fin)\s+")
_YEAR = r"((?:19|20)\d\d)"
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_PERIOD_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"^{_YEAR}-(\d\d?)-(\d\d?)$"), "ymd"),
    (re.compile(rf"^(\d\d?)[./](\d\d?)[./]{_YEAR}\.?$"), "dmy"),
    (re.compile(rf"^(\d\d?)\.? ({_MONTH_NAMES})\.?,? {_YEAR}$"), "d-month-y"),
    (re.compile(rf"^({_MONTH_NAMES})\.? (\d\d?)(?:st|nd|rd|th)?,? {_YEAR}$"), "month-d-y"),
    (re.compile(rf"^{_YEAR}-(\d\d)$"), "ym"),
    (re.compile(rf"^(\d\d?)[./]{_YEAR}$"), "my"),
    (re.compile(rf"^({_MONTH_NAMES})\.?,? (?:of )?{_YEAR}$"), "month-y"),
    (re.compile(rf"^(?:q|t|k|tm|kv)\s*([1-4])\s*[/ ,.]?\s*{_YEAR}$"), "q-y"),
    (re.compile(rf"^{_YEAR}\s*[/ ,.]?\s*(?:q|t|k|tm|kv)\s*([1-4])$"), "y-q"),
    (
        re.compile(
            rf"^([1-4])(?:st|nd|rd|th|\.|-te|-ti|er|e|eme)? ?"
            rf"(?:quarter|kvartal|tromesecje|tremujori|tremujor|trimestre)(?: of| i| e)? {_YEAR}$"
        ),
        "q-y",
    ),
    (re.compile(rf"^(?:h|s)\s*([12])\s*[/ ,.]?\s*{_YEAR}$"), "h-y"),
    (re.compile(rf"^(?:first|1st) half(?: of)? {_YEAR}$"), "h1-y"),
    (re.compile(rf"^(?:second|2nd) half(?: of)? {_YEAR}$"), "h2-y"),
    (re.compile(rf"^{_YEAR}$"), "y"),
]
_RANGE_SPLIT = re.compile(
    r"\s*(?:-|/|\bto\b|\bthrough\b|\buntil\b|\bderi ne\b|\bderi\b|\bdo\b|\bau\b|\ba\b)\s*"
)


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _period(text: str) -> tuple[date, date] | None:
    """The first and last day of a single period: a day, month, quarter, half or year."""
    text = text.strip(" .,;")
    for pattern, shape in _PERIOD_PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        g = match.groups()
        try:
            if shape == "ymd":
                day = date(int(g[0]), int(g[1]), int(g[2]))
                return day, day
            if shape == "dmy":
                day = date(int(g[2]), int(g[1]), int(g[0]))
                return day, day
            if shape == "d-month-y":
                day = date(int(g[2]), MONTHS[g[1]], int(g[0]))
                return day, day
            if shape == "month-d-y":
                day = date(int(g[2]), MONTHS[g[0]], int(g[1]))
                return day, day
            if shape in ("ym", "my"):
                year, month = (int(g[0]), int(g[1])) if shape == "ym" else (int(g[1]), int(g[0]))
                return date(year, month, 1), _last_day(year, month)
            if shape == "month-y":
                year, month = int(g[1]), MONTHS[g[0]]
                return date(year, month, 1), _last_day(year, month)
            if shape in ("q-y", "y-q"):
                quarter, year = (int(g[0]), int(g[1])) if shape == "q-y" else (int(g[1]), int(g[0]))
                return date(year, 3 * quarter - 2, 1), _last_day(year, 3 * quarter)
            if shape in ("h-y", "h1-y", "h2-y"):
                half = int(g[0]) if shape == "h-y" else (1 if shape == "h1-y" else 2)
                year = int(g[-1])
                return date(year, 6 * half - 5, 1), _last_day(year, 6 * half)
            if shape == "y":
                return date(int(g[0]), 1, 1), date(int(g[0]), 12, 31)
        except ValueError:
            return None
    return None


def _range(text: str) -> tuple[date, date] | None:
    """Two periods joined by a dash, slash or word: "2013–2015", "Q1–Q3 2014", "2014/15"."""
    for match in _RANGE_SPLIT.finditer(text):
        left, right = text[: match.start()].strip(), text[match.end() :].strip()
        if not left or not right:
            continue
        year = re.search(_YEAR + r"$", right)
        if re.fullmatch(r"\d\d", right) and re.fullmatch(_YEAR, left):
            right = left[:2] + right
        first, last = _period(left), _period(right)
        if first is None and year:
            first = _period(f"{left} {year.group(1)}")
        if first and last and first[0] <= last[1]:
            return first[0], last[1]
    return None


def _timeline_text(text: str) -> str:
    text = strip_accents(text).casefold()
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"[’'`]", " ", text)
    return " ".join(text.replace("\n", " ").split()).strip(" .;")


def parse_timeline(text: str) -> Timeline:
    """Read "Q2 2014", "2013–2015", "by June 2015", "31.12.2015", "ongoing", "vazhdimisht"..."""
    raw = text
    s = _timeline_text(text)
    if not s:
        return Timeline(None, None, False, raw, False)
    ongoing = bool(_ONGOING.search(s))
    rest = _ONGOING.sub(" ", s)
    rest = re.sub(r"\b(?:and|dhe|i|et)\b", " ", rest)
    rest = " ".join(rest.replace(",", " ").replace("(", " ").replace(")", " ").split()).strip(" -/")
    if not rest:
        return Timeline(None, None, ongoing, raw, ongoing)
    if _BY.match(rest):
        inner = _END_OF.sub("", _BY.sub("", rest, count=1), count=1)
        period = _period(inner)
        if period:
            return Timeline(None, period[1], ongoing, raw, True)
        return Timeline(None, None, ongoing, raw, False)
    if _FROM.match(rest):
        period = _period(_FROM.sub("", rest, count=1))
        if period:
            return Timeline(period[0], None, ongoing, raw, True)
        return Timeline(None, None, ongoing, raw, False)
    if _END_OF.match(rest):
        period = _period(_END_OF.sub("", rest, count=1))
        if period:
            return Timeline(None, period[1], ongoing, raw, True)
    single = _period(rest)
    if single:
        # "2014 – ongoing": a start that runs on; "2014" alone is the whole year.
        return Timeline(single[0], None if ongoing else single[1], ongoing, raw, True)
    span = _range(rest)
    if span:
        return Timeline(span[0], span[1], ongoing, raw, True)
    return Timeline(None, None, ongoing, raw, False)


# --------------------------------------------------------------------------- numbers and money


@dataclass(frozen=True)
class Budget:
    """An amount of money as written: ``in_kind`` for contributions in kind; ``amount`` None
    with ``ok`` True when the cell says there is no budget ("n/a", "—")."""

    amount: Decimal | None
    currency: str | None
    in_kind: bool
    raw: str
    ok: bool


@dataclass(frozen=True)
class Quantity:
    """A baseline or target value: "30%" is 30 with unit "%", "5 trainings" is 5 "trainings"."""

    value: Decimal | None
    unit: str | None
    raw: str
    ok: bool


NONE_WORDS = (
    "n/a", "na", "n.a", "n.a.", "-", "--", "—", "–", "/", "nil", "none", "not applicable",
    "no cost", "no costs", "no budget", "no additional cost", "pa kosto", "nuk ka",
    "nuk aplikohet", "ska", "nema", "nije primenjivo", "bez troskova", "sans objet", "neant",
    "aucun", "pas de cout", "s.o.", "x",
)  # fmt: skip
IN_KIND_WORDS = ("in kind", "in-kind", "ne natyre", "u naturi", "en nature", "kontribut ne natyre")
CURRENCIES = {
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "evro": "EUR", "evra": "EUR",
    "eura": "EUR", "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
    "dollare": "USD", "dolara": "USD", "£": "GBP", "gbp": "GBP", "chf": "CHF", "sek": "SEK",
    "nok": "NOK", "dkk": "DKK", "rsd": "RSD", "din": "RSD", "dinar": "RSD", "dinara": "RSD",
    "lek": "ALL", "leke": "ALL", "mkd": "MKD", "bam": "BAM", "km": "BAM",
}  # fmt: skip
MULTIPLIERS = {
    "k": 3, "thousand": 3, "thousands": 3, "mije": 3, "mij": 3, "hiljada": 3, "hiljade": 3,
    "hilj": 3, "mille": 3, "milliers": 3, "m": 6, "mn": 6, "mln": 6, "mio": 6, "mil": 6,
    "million": 6, "millions": 6, "milion": 6, "miliona": 6, "milioni": 6, "milione": 6,
    "bn": 9, "billion": 9, "billions": 9, "mrd": 9, "milijarda": 9, "miliard": 9,
    "milliard": 9, "milliards": 9,
}  # fmt: skip
_NUMBER = re.compile(
    r"(?<![\w.,])(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d(?:[\d.,']*\d)?)(?![\w])"
)
_WORD = re.compile(r"[a-z$€£]+\$?|[$€£]")


def parse_number(text: str, *, decimal_hint: bool = False) -> Decimal | None:
    """A number written with thousands and decimal separators in either convention.

    With both "," and "." the later one is the decimal mark ("25,000.50", "25.000,50"). With
    one of them: repeated, or followed by exactly three digits, it groups thousands ("25.000",
    "25,000"), unless ``decimal_hint`` says a multiplier follows ("1,5 million"); otherwise it is
    the decimal mark ("1,2").
    """
    s = re.sub(r"[ \u00a0\u202f']", "", text)
    if not s or not re.fullmatch(r"[\d.,]+", s):
        return None
    commas, dots = s.count(","), s.count(".")
    if commas and dots:
        decimal_mark = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        if s.count(decimal_mark) > 1:
            return None
        s = s.replace(thousands, "").replace(decimal_mark, ".")
    elif commas or dots:
        mark = "," if commas else "."
        groups = s.split(mark)
        if len(groups) > 2:
            if not all(len(g) == 3 for g in groups[1:]):
                return None
            s = "".join(groups)
        elif len(groups[1]) == 3 and not decimal_hint and groups[0] != "0":
            s = "".join(groups)
        else:
            s = ".".join(groups)
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def _tidy(value: Decimal) -> Decimal:
    value = value.normalize()
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _money_text(text: str) -> str:
    s = strip_accents(text).casefold().replace("\n", " ")
    return re.sub(r"[\u2010-\u2015\u2212]", "-", " ".join(s.split()))


def parse_budget(text: str) -> Budget:
    """Read "€25,000", "25.000 EUR", "EUR 25 000", "USD 1.5 million", "1,2 mil. €", "in kind"."""
    raw = text
    s = _money_text(text)
    if not s:
        return Budget(None, None, False, raw, False)
    if s.strip(" .") in NONE_WORDS or s in NONE_WORDS:
        return Budget(None, None, False, raw, True)
    in_kind = any(word in s for word in IN_KIND_WORDS)
    numbers = list(_NUMBER.finditer(s))
    if len(numbers) > 1:
        # Years written beside an amount ("2014: €10,000") are not amounts.
        not_years = [m for m in numbers if not re.fullmatch(r"(?:19|20)\d\d", m.group())]
        numbers = not_years or numbers
    words = _words(_NUMBER.sub(" ", s))
    currencies = {CURRENCIES[w] for w in words if w in CURRENCIES}
    if "ALL" in text.split():
        currencies.add("ALL")
    if len(currencies) > 1:
        return Budget(None, None, in_kind, raw, False)
    currency = next(iter(currencies), None)
    if not numbers:
        return Budget(None, currency, in_kind, raw, in_kind)
    if len(numbers) > 1 or "%" in s:
        return Budget(None, currency, in_kind, raw, False)
    number = numbers[0]
    after = s[number.end() :].lstrip()
    following = re.match(r"[a-z]+", after)
    exponent = MULTIPLIERS.get(following.group()) if following else None
    amount = parse_number(number.group(), decimal_hint=exponent is not None)
    if amount is None:
        return Budget(None, currency, in_kind, raw, False)
    if exponent:
        amount *= Decimal(10) ** exponent
    leftovers = [
        w for w in words if w not in CURRENCIES and w not in MULTIPLIERS and w not in _BUDGET_FILLER
    ]
    ok = not leftovers or in_kind
    return Budget(_tidy(amount), currency, in_kind, raw, ok)


_BUDGET_FILLER = {
    "approx", "approximately", "about", "ca", "circa", "total", "estimated", "est", "up", "to",
    "rreth", "afersisht", "oko", "ukupno", "environ", "env", "per", "year", "annually",
    "in", "kind", "ne", "natyre", "u", "naturi", "en", "nature", "budget", "buxheti", "budzet",
}  # fmt: skip


def parse_quantity(text: str) -> Quantity:
    """Read a baseline or target: "30%", "0", "5 trainings", "1,5", "n/a"."""
    raw = text
    s = " ".join(text.replace("\n", " ").split())
    folded = s.casefold()
    if not s:
        return Quantity(None, None, raw, False)
    if folded.strip(" .") in NONE_WORDS:
        return Quantity(None, None, raw, True)
    numbers = _NUMBER.findall(s)
    if len(numbers) != 1:
        return Quantity(None, None, raw, False)
    value = parse_number(numbers[0])
    if value is None:
        return Quantity(None, None, raw, False)
    after = s[s.find(numbers[0]) + len(numbers[0]) :].strip()
    before = s[: s.find(numbers[0])].strip()
    if after.startswith("%") or before.endswith("%"):
        return Quantity(_tidy(value), "%", raw, True)
    unit = after.split(" ")[0].strip(".,;:()") if after else None
    return Quantity(_tidy(value), unit or None, raw, not before or len(before) < 12)


# --------------------------------------------------------------------------- organisations

STOP_WORDS = frozenset(
    """of the and for on in to a an at
    i e te se dhe per ne me nga
    za od u na sa
    de du des la le les et pour l d en au aux""".split()
)
_AND_WORDS = re.compile(r"\s+(?:and|dhe|i|et)\s+", re.IGNORECASE)


def normalise_org_name(name: str) -> str:
    """A key for comparing organisation names: no case, accents, punctuation or leading "the".

    ``"The Ministry of Defence (MoD)"`` → ``"ministry of defence mod"``.
    """
    text = fold(name.replace("&", " and ").replace("’", "'").replace("'", ""))
    for article in ("the ", "la ", "le ", "les ", "l "):
        if text.startswith(article):
            text = text[len(article) :]
            break
    return text


def _split_top_level(text: str) -> list[str]:
    """Split on separators outside brackets: "Ministry of Justice (MoJ), Kosovo Police"."""
    parts: list[str] = []
    depth = 0
    current = ""
    for ch in text.replace(" & ", "\n"):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        if depth == 0 and ch in ",;\n/":
            parts.append(current)
            current = ""
            continue
        current += ch
    parts.append(current)
    return parts


def split_organisations(text: str, organisation_words: frozenset[str] = frozenset()) -> list[str]:
    """Organisation names in a cell, split on ",", ";", "/", "&", new lines and "and" words.

    "and" ("dhe", "i", "et") only splits when the words after it name an organisation of their
    own (a head word such as "Ministry" or "Police" among their first three words, an acronym,
    or "the"), so "Ministry of Labour and Social Welfare" stays whole.
    """
    names: list[str] = []
    for part in _split_top_level(text):
        part = squash(part).strip(" .-–•*")
        if not part:
            continue
        pieces = [part]
        for match in reversed(list(_AND_WORDS.finditer(part))):
            head = pieces[0]
            left, right = head[: match.start()], head[match.end() :]
            first_words = fold(right).split()[:3]
            first_raw = right.split()[0] if right.split() else ""
            pairs = {" ".join(first_words[k : k + 2]) for k in range(len(first_words))}
            starts_new = bool(first_words) and (
                any(word in organisation_words for word in (*first_words, *pairs))
                or (first_raw.isupper() and len(first_raw) >= 2)
            )
            if starts_new and left.strip():
                pieces = [left, right, *pieces[1:]]
        names.extend(squash(p).strip(" .-") for p in pieces if squash(p).strip(" .-"))
    return list(dict.fromkeys(names))


K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Match(Generic[K]):
    """The organisation a name was matched to; ``alternatives`` share the same best score."""

    key: K
    name: str
    score: float
    method: str
    alternatives: tuple[K, ...] = field(default=())


def _acronyms(name: str) -> set[str]:
    """Acronyms a name is commonly shortened to: "Ministry of Defence" → {"md", "mod"}."""
    words = normalise_org_name(name.replace("-", "")).split()
    if len(words) < 2:
        return set()
    significant = "".join(w[0] for w in words if w not in STOP_WORDS)
    every = "".join(w[0] for w in words)
    return {a for a in (significant, every) if len(a) >= 2}


def _query_acronyms(name: str) -> set[str]:
    """How an abbreviation typed by a person may be read: "MoD" → {"mod", "md"}."""
    compact = re.sub(r"[\s.\-']", "", strip_accents(name))
    if not compact.isalnum() or len(compact) > 10 or len(compact) < 2:
        return set()
    out = {compact.casefold()}
    capitals = "".join(c for c in compact if c.isupper())
    if len(capitals) >= 2 and capitals != compact:
        out.add(capitals.casefold())
    return out


def _parenthesised(name: str) -> tuple[str, str | None]:
    """ "Ministry of Defence (MoD)" → ("Ministry of Defence", "MoD")."""
    match = re.match(r"^(.*?)\s*\(([^()]{2,12})\)\s*$", name)
    if match and " " not in match.group(2).strip():
        return match.group(1), match.group(2).strip()
    return name, None


def _similarity(a: str, b: str) -> float:
    ratio = SequenceMatcher(None, a, b).ratio()
    sorted_a, sorted_b = " ".join(sorted(a.split())), " ".join(sorted(b.split()))
    return max(ratio, SequenceMatcher(None, sorted_a, sorted_b).ratio())


def match_organisation(
    name: str,
    candidates: Sequence[tuple[K, str, Sequence[str]]],
    *,
    min_score: float = 0.85,
) -> Match[K] | None:
    """The known organisation a typed name refers to, or None.

    ``candidates`` are ``(key, name, abbreviations)``. Names match regardless of case, accents,
    punctuation and a leading "the"; an abbreviation matches one given for the organisation or
    the initials of its name ("MoD" ↔ "Ministry of Defence"); close spellings match with a
    lower score.
    """
    full, abbreviation = _parenthesised(squash(name))
    query = normalise_org_name(full)
    if not query:
        return None
    query_acronyms = _query_acronyms(full) | (
        _query_acronyms(abbreviation) if abbreviation else set()
    )
    scored: list[tuple[float, str, K, str]] = []
    for key, candidate_name, abbreviations in candidates:
        target = normalise_org_name(candidate_name)
        given = {normalise_org_name(a).replace(" ", "") for a in abbreviations if a}
        if query == target:
            scored.append((1.0, "name", key, candidate_name))
            continue
        if query.replace(" ", "") in given:
            scored.append((0.95, "abbreviation", key, candidate_name))
            continue
        if abbreviation and normalise_org_name(abbreviation).replace(" ", "") in given:
            scored.append((0.93, "abbreviation", key, candidate_name))
            continue
        derived = _acronyms(candidate_name)
        if query_acronyms & derived:
            scored.append((0.88, "initials", key, candidate_name))
            continue
        if _query_acronyms(candidate_name) & (_acronyms(full) | query_acronyms):
            scored.append((0.88, "initials", key, candidate_name))
            continue
        similarity = _similarity(query, target)
        if similarity >= 0.88:
            scored.append((round(0.9 * similarity, 3), "similar", key, candidate_name))
    if not scored:
        return None
    scored.sort(key=lambda item: -item[0])
    best_score, method, key, candidate_name = scored[0]
    if best_score < min_score * (0.9 if method == "similar" else 1.0):
        return None
    alternatives = tuple(k for s, _, k, _ in scored[1:] if s == best_score)
    return Match(key, candidate_name, best_score, method, alternatives)
