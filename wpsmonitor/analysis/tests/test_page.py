"""The public analysis page: paste or upload a text, see each clause's strength and a summary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

URL = "/analyse/"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _post(client: Client, **data: object) -> str:
    response = client.post(URL, data)
    assert response.status_code == 200
    return response.content.decode()


def _strengths(html: str) -> list[str]:
    return re.findall(r'<span class="strength-label (\w+)">', html)


def _file_errors(html: str) -> str:
    match = re.search(r'<ul class="errorlist" id="id_file_error">(.*?)</ul>', html, re.S)
    return match.group(1) if match else ""


def _docx(path: Path, paragraphs: list[str]) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("National Action Plan on Women, Peace and Security", level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def _pdf(path: Path, paragraphs: list[str]) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for text in paragraphs:
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(str(path))
    return path


PLAN = [
    "1. The Ministry of Defence shall increase the share of women officers to 20% by 2027.",
    "2. The Kosovo Police will consider a gender focal point in each region, as appropriate.",
]


def test_the_page_is_public_and_shows_the_form(client: Client) -> None:
    response = client.get(reverse("analysis:analyse"))
    html = response.content.decode()
    assert response.status_code == 200
    assert URL == reverse("analysis:analyse")
    assert 'name="text"' in html and 'name="file"' in html and 'name="register"' in html
    assert 'enctype="multipart/form-data"' in html and "csrfmiddlewaretoken" in html
    for register in ("resolution", "plan", "treaty", "recommendation", "letter"):
        assert f'value="{register}"' in html
    assert "<script" not in html


@pytest.mark.parametrize(
    ("text", "strength", "label"),
    [
        (
            "Decides that all parties to armed conflict shall end sexual violence.",
            "binding",
            "Binding",
        ),
        ("Requests the Secretary-General to report annually to the Council.", "strong", "Strong"),
        ("Encourages Member States to increase funding.", "moderate", "Moderate"),
        ("The Agency will consider a coordination mechanism, as appropriate.", "weak", "Weak"),
        ("Recalling its resolution 1325 (2000),", "none", "No commitment"),
    ],
)
def test_pasted_text_shows_the_strength_of_the_clause_in_words(
    client: Client, text: str, strength: str, label: str
) -> None:
    html = _post(client, text=text, register="resolution")
    assert _strengths(html) == [strength]
    assert f'<span class="strength-label {strength}">{label}</span>' in html


def test_each_clause_shows_reference_highlights_missing_elements_and_suggestions(
    client: Client,
) -> None:
    text = (
        "1. Requests the Secretary-General to report annually, as appropriate.\n"
        "2. Urges Member States to increase the participation of women."
    )
    html = _post(client, text=text, register="resolution")
    assert _strengths(html) == ["moderate", "strong"]
    assert "OP 1" in html and "OP 2" in html
    assert '<mark class="hl-lead" title="Lead verb: sets the strength">Requests</mark>' in html
    assert (
        '<mark class="hl-hedge" title="Hedge: softens the commitment">as appropriate</mark>' in html
    )
    assert '<mark class="hl-deadline" title="Deadline">annually</mark>' in html
    assert "<dt>Missing</dt><dd>target, budget</dd>" in html
    assert "Remove &#x27;as appropriate&#x27;" in html
    assert "Firmer wording" in html


def test_the_summary_gives_the_distribution_the_weak_share_and_missing_elements(
    client: Client,
) -> None:
    text = "\n".join(PLAN)
    html = _post(client, text=text, register="plan")
    assert "2 clauses, 2 operative, read as a action plan." in html or "2 operative" in html
    assert "50% of the operative clauses are weak or make no commitment." in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-stacked"' in html
    assert "<desc>Binding: 1, Strong: 0, Moderate: 0, Weak: 1, No commitment: 0" in html
    assert '<th scope="row">Binding</th><td>1</td>' in html
    assert "budget: missing in 2 operative clauses" in html


def test_the_pasted_text_stays_in_the_box_after_submitting(client: Client) -> None:
    text = "The Ministry of Justice will train 200 judges by 2026 & report <annually>."
    html = _post(client, text=text, register="plan")
    assert "will train 200 judges by 2026 &amp; report &lt;annually&gt;.</textarea>" in html
    assert '<option value="plan" selected>' in html


def test_an_empty_submission_asks_for_text(client: Client) -> None:
    html = _post(client, text="   ", register="")
    assert "Paste some text or upload a file." in html
    assert _strengths(html) == []


def test_an_uploaded_word_document_is_analysed(client: Client, tmp_path: Path) -> None:
    path = _docx(tmp_path / "plan.docx", PLAN)
    upload = SimpleUploadedFile("plan.docx", path.read_bytes(), content_type=DOCX)
    html = _post(client, file=upload, register="plan", text="")
    assert _strengths(html) == ["binding", "weak"]
    assert "Ministry of Defence" in html


def test_an_uploaded_pdf_is_analysed(client: Client, tmp_path: Path) -> None:
    path = _pdf(tmp_path / "plan.pdf", PLAN)
    upload = SimpleUploadedFile("plan.pdf", path.read_bytes(), content_type="application/pdf")
    html = _post(client, file=upload, register="plan")
    assert _strengths(html) == ["binding", "weak"]


def test_an_uploaded_text_file_is_analysed(client: Client) -> None:
    upload = SimpleUploadedFile("op.md", "\n".join(PLAN).encode(), content_type="text/markdown")
    html = _post(client, file=upload, register="plan")
    assert _strengths(html) == ["binding", "weak"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.docx", b"this is not a word document", "plan.docx"),
        ("plan.pdf", b"%PDF-1.4 broken", "The PDF is damaged and cannot be read."),
        ("plan.exe", b"MZ", "upload a .txt, .md, .docx or .pdf file"),
        ("plan.doc", b"\xd0\xcf\x11\xe0", "upload a .txt, .md, .docx or .pdf file"),
    ],
)
def test_a_file_that_cannot_be_read_shows_an_error_next_to_the_file_field(
    client: Client, name: str, content: bytes, message: str
) -> None:
    upload = SimpleUploadedFile(name, content)
    html = _post(client, file=upload, text="Requests the Council to act.")
    errors = _file_errors(html)
    assert message in errors
    assert _strengths(html) == []


def test_a_file_over_the_size_limit_is_refused(client: Client, settings) -> None:  # noqa: ANN001
    settings.UPLOAD_MAX_BYTES = 100
    upload = SimpleUploadedFile("plan.txt", b"The Ministry will act. " * 20)
    html = _post(client, file=upload)
    assert "files up to 100" in _file_errors(html)


def _queries(client: Client, text: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(URL, {"text": text, "register": "plan"})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_query_count_does_not_grow_with_the_text_for_visitors(client: Client) -> None:
    small = _queries(client, PLAN[0])
    large = _queries(client, "\n".join(f"{i}. {PLAN[i % 2][3:]}" for i in range(1, 400)))
    assert small == large
    assert small <= 2


@pytest.mark.django_db
def test_the_query_count_does_not_grow_with_the_text_for_signed_in_people(client: Client) -> None:
    user = get_user_model().objects.create_user("reader", password="pw-reader-1")
    client.force_login(user)
    small = _queries(client, PLAN[0])
    large = _queries(client, "\n".join(f"{i}. {PLAN[i % 2][3:]}" for i in range(1, 400)))
    assert small == large
    assert small <= 2
