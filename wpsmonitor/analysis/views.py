"""The public analysis page: paste or upload a text and see how firmly each clause commits."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from wpsmonitor.language import analyse_document

from .forms import AnalyseForm
from .presenting import clause_views, page_summary


@require_http_methods(["GET", "POST"])
def analyse(request: HttpRequest) -> HttpResponse:
    """Show the form; on a valid POST, the analysis of every clause and a summary below it."""
    form = AnalyseForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        analysis = analyse_document(form.cleaned_data["document"], form.cleaned_data["register"])
        context["clauses"] = clause_views(analysis)
        context["summary"] = page_summary(analysis)
        context["from_file"] = bool(form.cleaned_data.get("file"))
    return render(request, "analysis/analyse.html", context)
