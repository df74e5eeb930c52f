"""The form of the public analysis page: pasted text or an uploaded file, and a register."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from wpsmonitor.intake.document import Limits
from wpsmonitor.intake.errors import IntakeError
from wpsmonitor.intake.readers import read_document

TEXT_SUFFIXES = (".txt", ".md")
DOCUMENT_SUFFIXES = (".docx", ".pdf")
MAX_TEXT_CHARS = 1_000_000  # about 400 pages; the analyser reads 100 pages in well under a second

REGISTER_CHOICES = [
    ("", _("Guess from the text")),
    ("resolution", _("Resolution (Security Council, General Assembly)")),
    ("plan", _("National or regional action plan")),
    ("treaty", _("Treaty or law")),
    ("recommendation", _("Recommendation")),
    ("letter", _("Advocacy letter")),
]


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_upload(upload: UploadedFile) -> str:
    """The text of an uploaded .txt, .md, .docx or .pdf file; raises ValidationError."""
    name = Path(upload.name or "").name
    suffix = Path(name).suffix.lower()
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise forms.ValidationError(
            _("%(name)s is %(size)s; files up to %(limit)s are accepted.")
            % {"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    if suffix in TEXT_SUFFIXES:
        return _decode(b"".join(upload.chunks()))
    if suffix not in DOCUMENT_SUFFIXES:
        raise forms.ValidationError(
            _("%(name)s cannot be read here; upload a .txt, .md, .docx or .pdf file.")
            % {"name": name or _("The file")}
        )
    with tempfile.TemporaryDirectory(prefix="wps-analyse-") as folder:
        path = Path(folder) / f"upload{suffix}"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        try:
            document = read_document(path, filename=name, limits=Limits(max_bytes=limit))
        except IntakeError as error:
            raise forms.ValidationError(error.message) from None
    return document.plain_text()


class AnalyseForm(forms.Form):
    text = forms.CharField(
        label=_("Text to analyse"),
        required=False,
        max_length=MAX_TEXT_CHARS,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 80, "spellcheck": "false"}),
        help_text=_("Paste one or more paragraphs: a resolution, a plan, a treaty or a letter."),
    )
    file = forms.FileField(
        label=_("Or upload a file"),
        required=False,
        help_text=_("A .txt, .md, .docx or .pdf file. The file is read and not kept."),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,.docx,.pdf"}),
    )
    register = forms.ChoiceField(
        label=_("Kind of document"),
        choices=REGISTER_CHOICES,
        required=False,
        help_text=_("Decides which firmer wording is suggested."),
    )

    def clean_file(self) -> str | None:
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        text = read_upload(upload)
        if not text.strip():
            raise forms.ValidationError(_("The file has no text to analyse."))
        return text

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        from_file = cleaned.get("file")
        text = from_file if from_file else cleaned.get("text", "")
        if not text or not text.strip():
            self.add_error("text", _("Paste some text or upload a file."))
        cleaned["document"] = text or ""
        return cleaned
