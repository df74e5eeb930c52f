#!/usr/bin/env python3
"""Check that every interface string is translated in the Albanian and Serbian (Latin) catalogues.

Reports each message whose translation is empty or marked fuzzy, and each translation that
lost or changed a ``%(name)s`` placeholder. Exits with status 1 when anything is found.

    python scripts/check_translations.py               # wpsmonitor/locale, sq and sr_Latn
    python scripts/check_translations.py --locale-dir path/to/locale --languages sq
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "wpsmonitor" / "locale"
LANGUAGES = ("sq", "sr_Latn")
PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdifr]")
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


@dataclass
class Entry:
    """One message of a catalogue: its flags, its source text and its translations."""

    line: int
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None


def _unquote(text: str) -> str:
    body = text.strip()[1:-1]
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), body)


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file (obsolete ``#~`` entries are kept but marked)."""
    entries: list[Entry] = []
    current: Entry | None = None
    key: tuple[str, int] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            current, key = None, None
            continue
        if line.startswith("#"):
            if current is None or key is not None:
                current, key = Entry(line=number), None
                entries.append(current)
            if line.startswith("#,"):
                current.flags.update(f.strip() for f in line[2:].split(","))
            continue
        if current is None:
            current = Entry(line=number)
            entries.append(current)
        current.obsolete = current.obsolete or obsolete
        match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(\".*\")$", line)
        if match:
            name, index, value = match.group(1), int(match.group(2) or 0), _unquote(match.group(3))
            key = (name, index)
            _store(current, key, value, append=False)
        elif line.startswith('"') and key is not None:
            _store(current, key, _unquote(line), append=True)
    return entries


def _store(entry: Entry, key: tuple[str, int], value: str, *, append: bool) -> None:
    name, index = key
    if name == "msgstr":
        entry.msgstr[index] = (entry.msgstr.get(index, "") if append else "") + value
    else:
        previous = (getattr(entry, name) or "") if append else ""
        setattr(entry, name, previous + value)


def problems(path: Path) -> list[str]:
    """What is missing or wrong in one catalogue, one line per message."""
    found = []
    for entry in read_po(path):
        if entry.is_header or entry.obsolete:
            continue
        where = f"{path}:{entry.line}: {entry.msgid[:70]!r}"
        if "fuzzy" in entry.flags:
            found.append(f"{where} is marked fuzzy")
            continue
        if not entry.msgstr or any(not text for text in entry.msgstr.values()):
            found.append(f"{where} is not translated")
            continue
        wanted = set(PLACEHOLDER.findall(entry.msgid))
        if entry.msgid_plural:
            wanted |= set(PLACEHOLDER.findall(entry.msgid_plural))
        for text in entry.msgstr.values():
            got = set(PLACEHOLDER.findall(text))
            if got - wanted or (not entry.msgid_plural and wanted - got):
                found.append(f"{where} has placeholders {sorted(got)}, expected {sorted(wanted)}")
                break
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locale-dir", type=Path, default=LOCALE_DIR)
    parser.add_argument("--languages", nargs="+", default=list(LANGUAGES))
    args = parser.parse_args(argv)
    failures: list[str] = []
    for language in args.languages:
        path = args.locale_dir / language / "LC_MESSAGES" / "django.po"
        if not path.exists():
            failures.append(f"{path}: missing; run makemessages -l {language}")
            continue
        failures.extend(problems(path))
    for line in failures:
        print(line)
    if failures:
        print(f"{len(failures)} message(s) need a translation.")
        return 1
    print("Every message is translated in " + ", ".join(args.languages) + ".")
    return 0


if __name__ == "__main__":
    sys.exit(main())
