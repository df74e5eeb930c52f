"""`wpsmonitor analyse FILE`: grade the wording of every clause of a document."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

TEXT_SUFFIXES = {".txt", ".md", ""}


def document_text(path: str) -> str:
    """The text of a file (``-`` for standard input); DOCX and PDF go through the intake readers."""
    if path == "-":
        return sys.stdin.read()
    file = Path(path)
    if not file.exists():
        raise CommandError(f"{path}: no such file")
    if file.suffix.lower() in TEXT_SUFFIXES:
        try:
            return file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            return file.read_text(encoding="cp1252")
    from wpsmonitor.intake.errors import IntakeError
    from wpsmonitor.intake.readers import read_document

    try:
        return read_document(file).plain_text()
    except IntakeError as error:
        raise CommandError(f"{path}: {error}") from None


class Command(BaseCommand):
    help = "Grade every clause of a document: strength, missing elements, stronger wording."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a .txt, .md, .docx or .pdf file, or - for stdin")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--register",
            choices=["resolution", "plan", "treaty", "recommendation", "letter"],
            help="the kind of document, for suggestions that fit it",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from wpsmonitor.language.report import analyse_text_command

        text = document_text(options["file"])
        if not text.strip():
            raise CommandError(f"{options['file']}: the document has no text")
        output = analyse_text_command(text, fmt=options["format"], register=options["register"])
        self.stdout.write(output)
