"""The self-test pages: the questions, the result, the teacher's PDF.

Thin views. The answers live in the form, the URL of the result page and a signed hidden field
of the PDF form; the only write is the anonymous tally (`submit_selftest`).
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from . import selftest
from .campaign.pdf import render_selftest_pdf
from .selftest_forms import SelfTestForm, SelfTestPdfForm, answers_to_querydict, sign_answers
from .selftest_services import build_selftest_result, submit_selftest

FORM_TEMPLATE = "campaigns/selftest/selftest_form.html"
RESULT_TEMPLATE = "campaigns/selftest/selftest_result.html"
REFUSED_TEMPLATE = "campaigns/selftest/selftest_refused.html"
PDF_FILENAME = "zelftest-duaal-leren.pdf"
PDF_RATE = "30/m"  # rendering a PDF costs CPU: enough for a teacher with a class


def _initial_from_query(query) -> dict:
    """Pre-fill the questions from a result URL ("change my answers"); nothing is validated."""
    initial = {}
    for question in selftest.QUESTIONS:
        values = query.getlist(question.key)
        if values:
            initial[question.key] = values if question.multiple else values[0]
    for key in (selftest.POSTCODE_KEY, selftest.DISTANCE_KEY):
        if query.get(key):
            initial[key] = query[key]
    return initial


def _result_url(answers: dict) -> str:
    return f"{reverse('selftest:result')}?{answers_to_querydict(answers).urlencode()}"


@method_decorator(never_cache, name="dispatch")
class SelfTestView(View):
    """GET shows the questions (pre-filled when coming back from a result); POST scores."""

    def get(self, request):
        form = SelfTestForm(initial=_initial_from_query(request.GET))
        return render(request, FORM_TEMPLATE, {"form": form})

    def post(self, request):
        form = SelfTestForm(request.POST)
        if not form.is_valid():
            return render(request, FORM_TEMPLATE, {"form": form})
        submit_selftest(answers=form.answers, actor=None)
        # Post/redirect/get: reloading the result does not count the test twice.
        return redirect(_result_url(form.answers))


@method_decorator(never_cache, name="dispatch")
class SelfTestResultView(View):
    """The profile, programmes near the postcode, next steps and the PDF form."""

    def get(self, request):
        if not request.GET:
            return redirect("selftest:start")
        form = SelfTestForm(request.GET)
        if not form.is_valid():
            # A changed or shortened link: show the questions with what is missing.
            return render(request, FORM_TEMPLATE, {"form": form})
        pdf_form = SelfTestPdfForm(initial={"payload": sign_answers(form.answers)})
        return _render_result(request, form, pdf_form)


def _render_result(request, answers_form: SelfTestForm, pdf_form: SelfTestPdfForm):
    result = build_selftest_result(
        answers=answers_form.answers, origin=answers_form.origin, radius_km=answers_form.radius_km
    )
    context = {
        "result": result,
        "profile": result.profile,
        "pdf_form": pdf_form,
        "change_url": (
            f"{reverse('selftest:start')}?{answers_to_querydict(answers_form.answers).urlencode()}"
        ),
    }
    return render(request, RESULT_TEMPLATE, context)


@require_POST
@ratelimit(key="ip", rate=PDF_RATE, method="POST", group="selftest:pdf", block=False)
@never_cache
def selftest_pdf(request):
    """The result as a PDF for the class council, with the teacher's message."""
    if getattr(request, "limited", False):
        return render(request, REFUSED_TEMPLATE, {"rate_limited": True}, status=429)
    form = SelfTestPdfForm(request.POST)
    if form.is_valid():
        answers_form = form.answers_form
        result = build_selftest_result(
            answers=answers_form.answers,
            origin=answers_form.origin,
            radius_km=answers_form.radius_km,
        )
        pdf = render_selftest_pdf(result, form.cleaned_data["message"])
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{PDF_FILENAME}"'
        return response
    if form.tampered or not hasattr(form, "answers_form"):
        return render(request, REFUSED_TEMPLATE, {"form": form}, status=400)
    # The answers are fine, the message is not: show the result again with what was typed.
    return _render_result(request, form.answers_form, form)
