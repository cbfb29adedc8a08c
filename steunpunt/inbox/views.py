"""Public forms ("Stel je vraag", "Infosessie aanvragen") and the coordinators' inbox."""

import re
import uuid

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, FormView
from django_filters.views import FilterView
from django_ratelimit.decorators import ratelimit

from steunpunt.accounts.permissions import RoleRequiredMixin, role_required
from steunpunt.accounts.roles import Role
from steunpunt.core.models import Programme
from steunpunt.core.params import parse_slug

from . import services
from .access import get_question_for_user, questions_for_user
from .filters import QuestionFilter
from .forms import (
    HONEYPOT_FIELD,
    AnswerForm,
    AssignForm,
    InfoSessionForm,
    InfoSessionHeldForm,
    NoteForm,
    QuestionForm,
    ReferForm,
)
from .models import IllegalTransition, Question

RATELIMIT_GROUP = "inbox:submit"
# The thank-you page a bot is sent to (see PublicSubmitView.post): its made-up UUID and kind.
DECOY_THANKS_SESSION_KEY = "inbox_decoy_thanks"


def submit_rate(group, request) -> str:
    """Read at request time, so tests and operators can change INBOX_RATE_LIMIT."""
    return settings.INBOX_RATE_LIMIT


# --- Public forms ----------------------------------------------------------------------------


@method_decorator(
    ratelimit(key="ip", rate=submit_rate, method="POST", group=RATELIMIT_GROUP, block=False),
    name="post",
)
class PublicSubmitView(FormView):
    """Shared flow: rate limit, honeypot, validation that keeps input, then one service call."""

    kind: str
    heading: str
    url_name: str

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(heading=self.heading, form_action=reverse(self.url_name))
        return context

    def submit(self, data) -> Question:
        return services.submit_question(
            kind=self.kind,
            audience=data["audience"],
            text=data["text"],
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            postcode=data["postcode"],
            subregion=data["subregion"],
            consent=data["consent"],
            info_session=self.info_session(data),
            actor=None,
        )

    def info_session(self, data):
        return None

    def post(self, request, *args, **kwargs):
        if getattr(request, "limited", False):
            # Keep what the visitor typed, without validating it again; explain in Dutch.
            initial = {
                key: value
                for key, value in request.POST.items()
                if key not in ("csrfmiddlewaretoken", HONEYPOT_FIELD)
            }
            form = self.get_form_class()(initial=initial)
            context = self.get_context_data(form=form, rate_limited=True)
            return self.render_to_response(context, status=429)
        form = self.get_form()
        if form.is_spam:
            # A bot filled the hidden field: act as if all went well (the same redirect to a
            # thank-you page as a real question gets), store nothing.
            decoy = uuid.uuid4()
            request.session[DECOY_THANKS_SESSION_KEY] = {"uuid": str(decoy), "kind": self.kind}
            return redirect("inbox:thanks", uuid=decoy)
        if form.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def form_valid(self, form):
        question = self.submit(form.cleaned_data)
        return redirect("inbox:thanks", uuid=question.uuid)


class ContactView(PublicSubmitView):
    template_name = "inbox/question_form.html"
    form_class = QuestionForm
    kind = Question.Kind.QUESTION
    heading = gettext_lazy("Stel je vraag")
    url_name = "inbox:contact"

    def get_initial(self):
        """Links from a programme page or the self-test start the question for the visitor."""
        initial = super().get_initial()
        slug = parse_slug(self.request.GET.get("opleiding"))
        programme = Programme.objects.filter(slug=slug, active=True).first() if slug else None
        if programme is not None:
            initial["text"] = _("Ik heb een vraag over de opleiding %(name)s: ") % {
                "name": programme.name
            }
        elif self.request.GET.get("bron") == "zelftest":
            initial["text"] = _("Ik deed de zelftest 'Is duaal leren iets voor mij?'. Mijn vraag: ")
        return initial


class InfoSessionRequestView(PublicSubmitView):
    template_name = "inbox/infosession_form.html"
    form_class = InfoSessionForm
    kind = Question.Kind.INFO_SESSION
    heading = gettext_lazy("Infosessie aanvragen")
    url_name = "inbox:info_session_request"

    def info_session(self, data):
        return services.InfoSessionData(
            organisation_name=data["organisation_name"],
            session_audience=data["session_audience"],
            participants=data["participants"],
            preferred_dates=data["preferred_dates"],
            place=data["place"],
        )


@method_decorator(never_cache, name="dispatch")
class ThanksView(DetailView):
    """Shows the reference number only; the public UUID in the URL is unguessable."""

    template_name = "inbox/question_thanks.html"
    context_object_name = "question"

    def get(self, request, *args, **kwargs):
        decoy = request.session.get(DECOY_THANKS_SESSION_KEY) or {}
        if decoy.get("uuid") == str(self.kwargs["uuid"]):  # the page a bot was sent to
            return render(request, self.template_name, {"question": None, "kind": decoy["kind"]})
        return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return get_object_or_404(
            Question.objects.only("uuid", "reference", "kind", "email", "anonymised_at"),
            uuid=self.kwargs["uuid"],
            anonymised_at__isnull=True,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kind"] = self.object.kind
        return context


# --- Coordinators' inbox ---------------------------------------------------------------------


class QuestionListView(RoleRequiredMixin, FilterView):
    allowed_roles = (Role.COORDINATOR,)
    template_name = "inbox/question_list.html"
    filterset_class = QuestionFilter
    context_object_name = "questions"
    paginate_by = 25

    def get_queryset(self):
        return questions_for_user(self.request.user).select_related(
            "subregion", "assigned_to", "referred_to"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = questions_for_user(self.request.user).aggregate(
            total=Count("pk"),
            **{
                status.value: Count("pk", filter=Q(status=status.value))
                for status in Question.Status
            },
        )
        context["status_counts"] = [(status, counts[status.value]) for status in Question.Status]
        context["total_count"] = counts["total"]
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_prefix"] = query.urlencode()
        context["is_filtered"] = any(v for k, v in self.request.GET.items() if k != "page")
        return context


def _held_form(question):
    details = getattr(question, "info_session", None) if question.is_info_session else None
    return InfoSessionHeldForm(initial={"held_on": details.held_on if details else None})


def detail_context(request, question, **forms) -> dict:
    return {
        "question": question,
        "notes": question.notes.select_related("author"),
        "answers": question.answers.select_related("author"),
        "assign_form": forms.get("assign_form")
        or AssignForm(initial={"assignee": question.assigned_to_id}),
        "refer_form": forms.get("refer_form")
        or ReferForm(
            initial={"organisation": question.referred_to_id, "reason": question.referral_reason}
        ),
        "note_form": forms.get("note_form") or NoteForm(),
        "answer_form": forms.get("answer_form")
        or AnswerForm(
            initial={"body": services.answer_draft(question=question, actor=request.user)}
        ),
        "answer_preview": forms.get("answer_preview"),
        "held_form": forms.get("held_form") or _held_form(question),
        "Status": Question.Status,
    }


class QuestionDetailView(RoleRequiredMixin, DetailView):
    allowed_roles = (Role.COORDINATOR,)
    template_name = "inbox/question_detail.html"

    def get_object(self, queryset=None):
        return get_question_for_user(self.request.user, self.kwargs["uuid"])

    def get_context_data(self, **kwargs):
        return detail_context(self.request, self.object)


def _invalid(request, question, **forms):
    messages.error(request, _("Dat lukte niet. Kijk het formulier hieronder na."))
    return render(
        request,
        "inbox/question_detail.html",
        detail_context(request, question, **forms),
        status=400,
    )


STATUS_ACTIONS = {
    "start": (services.start_question, gettext_lazy("De vraag is nu in behandeling.")),
    "close": (services.close_question, gettext_lazy("De vraag is afgesloten.")),
    "reopen": (services.reopen_question, gettext_lazy("De vraag is heropend.")),
}


@role_required(Role.COORDINATOR)
@require_POST
def question_status(request, uuid):
    question = get_question_for_user(request.user, uuid)
    action = STATUS_ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        raise Http404
    service, message = action
    try:
        service(question=question, actor=request.user)
    except IllegalTransition as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, message)
    return redirect(question)


@role_required(Role.COORDINATOR)
@require_POST
def question_assign(request, uuid):
    question = get_question_for_user(request.user, uuid)
    if request.POST.get("to_me"):
        assignee = request.user
    else:
        form = AssignForm(request.POST)
        if not form.is_valid():
            return _invalid(request, question, assign_form=form)
        assignee = form.cleaned_data["assignee"]
    services.assign_question(question=question, assignee=assignee, actor=request.user)
    messages.success(
        request,
        _("Toegewezen aan %(name)s.") % {"name": assignee}
        if assignee
        else _("Niet meer toegewezen."),
    )
    return redirect(question)


@role_required(Role.COORDINATOR)
@require_POST
def question_refer(request, uuid):
    question = get_question_for_user(request.user, uuid)
    form = ReferForm(request.POST)
    if not form.is_valid():
        return _invalid(request, question, refer_form=form)
    try:
        services.refer_question(
            question=question,
            organisation=form.cleaned_data["organisation"],
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )
    except IllegalTransition as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Doorverwezen naar %(partner)s.") % {"partner": form.cleaned_data["organisation"]},
        )
    return redirect(question)


@role_required(Role.COORDINATOR)
@require_POST
def question_note(request, uuid):
    question = get_question_for_user(request.user, uuid)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _invalid(request, question, note_form=form)
    services.add_note(question=question, text=form.cleaned_data["text"], actor=request.user)
    messages.success(request, _("Notitie bewaard."))
    return redirect(question)


def _html_body(html: str) -> str:
    match = re.search(r"<body[^>]*>(.*)</body>", html or "", re.DOTALL)
    return match.group(1) if match else ""


def _preview(request, question, body):
    """The detail page with the answer mail exactly as it will be sent, and the form (same
    text, still editable) with "Versturen"."""
    message = services.preview_answer(question=question, body=body, actor=request.user)
    html = next((c for c, mimetype in message.alternatives if mimetype == "text/html"), "")
    preview = {
        "to": message.to[0],
        "subject": message.subject,
        "text": message.body,
        # Our own template's output; the coordinator's Markdown in it is sanitised (nh3).
        "html": mark_safe(_html_body(html)),  # noqa: S308
    }
    return render(
        request,
        "inbox/question_detail.html",
        detail_context(
            request,
            question,
            answer_form=AnswerForm.for_preview(body),
            answer_preview=preview,
        ),
    )


@role_required(Role.COORDINATOR)
@require_POST
def question_answer(request, uuid):
    """ "Voorbeeld bekijken" shows the mail as it will be sent; only "Versturen" under a preview
    of the very same text sends it. The text typed is never lost."""
    question = get_question_for_user(request.user, uuid)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _invalid(request, question, answer_form=form)
    body = form.cleaned_data["body"]
    try:
        if "send" not in request.POST or not form.was_previewed():
            if "send" in request.POST:
                messages.warning(
                    request,
                    _("Je tekst veranderde na het voorbeeld. Kijk het na en verstuur opnieuw."),
                )
            return _preview(request, question, body)
        services.send_answer(question=question, body=body, actor=request.user)
    except IllegalTransition as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Je antwoord wordt verstuurd naar %(email)s.") % {"email": question.email}
        )
    return redirect(question)


@role_required(Role.COORDINATOR)
@require_POST
def question_held(request, uuid):
    question = get_question_for_user(request.user, uuid)
    if not question.is_info_session:
        raise Http404  # only a request for an info session can be held
    form = InfoSessionHeldForm(request.POST)
    if not form.is_valid():
        return _invalid(request, question, held_form=form)
    held_on = form.cleaned_data["held_on"]
    try:
        services.record_info_session_held(question=question, held_on=held_on, actor=request.user)
    except IllegalTransition as exc:
        form.add_error("held_on", str(exc))
        return _invalid(request, question, held_form=form)
    if held_on:
        messages.success(
            request,
            _("De infosessie is genoteerd als gehouden op %(day)s.")
            % {"day": date_format(held_on, "d/m/Y")},
        )
    else:
        messages.success(request, _("De infosessie staat niet meer als gehouden genoteerd."))
    return redirect(question)
