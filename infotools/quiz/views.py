"""Pages of "De Duale Quiz": the list, solo play, and the class mode (host and pupils).

Nobody logs in. The teacher holds the host token (in the host page's URL); a pupil holds a
player token in a cookie. Polls (htmx, every second) send the version they show and get
204 No Content while nothing changed, so the page keeps its focus and the server its calm.
"""

import io
import time

import segno
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.generic import ListView

from ..models import IllegalQuizTransition, QuizSession
from . import selectors, services
from .forms import JoinCodeForm, JoinForm

PLAYER_COOKIE = "quiz_speler"
SOLO_SESSION_PREFIX = "quiz_solo:"


class QuizListView(ListView):
    template_name = "infotools/quiz/quiz_list.html"
    context_object_name = "quizzes"

    def get_queryset(self):
        return selectors.published_quizzes()

    def get_context_data(self, **kwargs):
        return super().get_context_data(code_form=JoinCodeForm(), **kwargs)


@require_GET
def find_session(request):
    """The code form on the list page: /quiz/deelnemen/?code=KM4TQ → that session's page."""
    if not request.GET.get("code"):
        return redirect("quiz:list")
    form = JoinCodeForm(request.GET)
    if form.is_valid() and selectors.get_snapshot(form.cleaned_data["code"]):
        return redirect("quiz:join", code=form.cleaned_data["code"])
    return session_not_found(request, code=request.GET.get("code", ""), form=form)


def session_not_found(request, *, code="", form=None):
    form = form or JoinCodeForm()
    return render(
        request,
        "infotools/quiz/session_not_found.html",
        {"code": code, "code_form": form},
        status=404,
    )


# --- Solo -----------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def solo(request, slug):
    quiz = selectors.get_published_quiz(slug)
    questions = selectors.quiz_questions(quiz)
    key = SOLO_SESSION_PREFIX + quiz.slug
    progress = request.session.get(key) or {"index": 0, "answers": {}}
    index = progress["index"]
    question = questions[index] if index < len(questions) else None

    if request.method == "POST":
        action = request.POST.get("action")
        if action == "restart":
            progress = {"index": 0, "answers": {}}
        elif action == "next" and question and str(question.pk) in progress["answers"]:
            progress["index"] = index + 1
        elif action == "answer" and question:
            try:
                if str(question.pk) != request.POST.get("question"):
                    raise ValidationError(_("Deze vraag is al voorbij. Hier is de volgende."))
                progress = services.answer_solo_question(
                    progress=progress, question=question, answer_id=request.POST.get("answer")
                )
            except ValidationError as exc:
                messages.error(request, exc.messages[0])
        request.session[key] = progress
        return redirect("quiz:solo", slug=quiz.slug)

    context = {"quiz": quiz, "question_count": len(questions), "progress": progress}
    if question is None:
        recap = []
        for number, q in enumerate(questions, start=1):
            chosen_id, correct = progress["answers"].get(str(q.pk), (None, False))
            answers = list(q.answers.all())
            recap.append(
                {
                    "number": number,
                    "question": q,
                    "chosen": next((a for a in answers if a.pk == chosen_id), None),
                    "right": next((a for a in answers if a.is_correct), None),
                    "correct": correct,
                }
            )
        context.update(
            recap=recap, score=sum(1 for item in recap if item["correct"]), finished=True
        )
        return render(request, "infotools/quiz/solo_result.html", context)
    chosen = progress["answers"].get(str(question.pk))
    answers = list(question.answers.all())
    context.update(
        question=question,
        number=index + 1,
        answers=[(selectors.LETTERS[i], a) for i, a in enumerate(answers)],
        chosen_id=chosen[0] if chosen else None,
        chosen_correct=chosen[1] if chosen else None,
        right=next((a for a in answers if a.is_correct), None),
        is_last=index + 1 == len(questions),
    )
    return render(request, "infotools/quiz/solo_question.html", context)


# --- Class mode: the teacher ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def start_class(request, slug):
    """GET explains class mode; POST starts a session and opens the host page."""
    quiz = selectors.get_published_quiz(slug)
    if request.method == "POST":
        session = services.start_class_session(quiz=quiz)
        return redirect("quiz:host", host_token=session.host_token)
    return render(request, "infotools/quiz/class_start.html", {"quiz": quiz})


def _host_context(request, snapshot, host_token):
    join_url = request.build_absolute_uri(reverse("quiz:join", kwargs={"code": snapshot["code"]}))
    return {
        "snapshot": snapshot,
        "host_token": host_token,
        "join_url": join_url,
        "board": selectors.host_board(snapshot),
        "states": QuizSession.State,
    }


@never_cache
@require_GET
def host(request, host_token):
    snapshot = selectors.get_host_snapshot(host_token)
    context = _host_context(request, snapshot, host_token)
    return render(request, "infotools/quiz/session_host.html", context)


@never_cache
@require_GET
def host_stage(request, host_token):
    """Polled: the question/state part of the host page, 204 while the version is the same."""
    snapshot = selectors.get_host_snapshot(host_token)
    if request.GET.get("v") == str(snapshot["version"]):
        return HttpResponse(status=204)
    context = _host_context(request, snapshot, host_token)
    return render(request, "infotools/quiz/fragment_host_stage.html", context)


@never_cache
@require_GET
def host_board(request, host_token):
    """Polled: player count, answers so far and the scoreboard (2 queries)."""
    snapshot = selectors.get_host_snapshot(host_token)
    context = {"snapshot": snapshot, "board": selectors.host_board(snapshot)}
    return render(request, "infotools/quiz/fragment_host_board.html", context)


@require_POST
def host_advance(request, host_token):
    session = selectors.get_host_session(host_token)
    try:
        expected = int(request.POST.get("version", ""))
    except ValueError:
        expected = None
    try:
        if request.POST.get("action") == "finish":
            services.finish_class_session(session=session)
        else:
            services.advance_class_session(session=session, expected_version=expected)
    except IllegalQuizTransition:
        messages.info(request, _("De quiz is al afgelopen."))
    return redirect("quiz:host", host_token=host_token)


@require_GET
def qr_code(request, code):
    snapshot = selectors.get_snapshot(code)
    if snapshot is None:
        return session_not_found(request, code=code)
    join_url = request.build_absolute_uri(reverse("quiz:join", kwargs={"code": snapshot["code"]}))
    buffer = io.BytesIO()
    segno.make(join_url, error="m").save(
        buffer,
        kind="svg",
        scale=10,
        border=2,
        xmldecl=False,
        title=join_url,
        desc=_("QR-code om mee te spelen met De Duale Quiz"),
    )
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=3600"
    return response


# --- Class mode: the pupils -----------------------------------------------------------------


def _player_cookie_kwargs(snapshot):
    return {
        "max_age": max(60, int(snapshot["expires_at"] - time.time())),
        "httponly": True,
        "samesite": "Lax",
        "secure": getattr(settings, "SESSION_COOKIE_SECURE", False),
    }


@never_cache
@require_http_methods(["GET", "POST"])
def join(request, code):
    snapshot = selectors.get_snapshot(code)
    if snapshot is None:
        return session_not_found(request, code=code)
    if code != snapshot["code"]:
        return redirect("quiz:join", code=snapshot["code"])
    player = selectors.get_player(snapshot, request.COOKIES.get(PLAYER_COOKIE))
    if player is not None:
        return redirect("quiz:play", code=snapshot["code"])
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session = QuizSession.objects.get(pk=snapshot["id"])
        try:
            player = services.join_class_session(
                session=session, nickname=form.cleaned_data["nickname"]
            )
        except services.JoinRefused as exc:
            form.add_error("nickname", exc.messages[0])
        else:
            response = redirect("quiz:play", code=snapshot["code"])
            response.set_cookie(PLAYER_COOKIE, player.token, **_player_cookie_kwargs(snapshot))
            return response
    finished = snapshot["state"] == QuizSession.State.FINISHED
    return render(
        request,
        "infotools/quiz/session_join.html",
        {"snapshot": snapshot, "form": form, "finished": finished},
        status=400 if form.errors else 200,
    )


def _play_context(snapshot, player):
    return {
        "snapshot": snapshot,
        "player": player,
        "states": QuizSession.State,
        "rank": (
            selectors.player_rank(player)
            if player and snapshot["state"] == QuizSession.State.FINISHED
            else None
        ),
    }


@never_cache
@require_GET
def play(request, code):
    snapshot = selectors.get_snapshot(code)
    if snapshot is None:
        return session_not_found(request, code=code)
    player = selectors.get_player(snapshot, request.COOKIES.get(PLAYER_COOKIE))
    if player is None:
        return redirect("quiz:join", code=snapshot["code"])
    return render(request, "infotools/quiz/session_play.html", _play_context(snapshot, player))


@never_cache
@require_GET
def play_fragment(request, code):
    """Polled every second: 204 (no query) while the version is the one the pupil sees."""
    snapshot = selectors.get_snapshot(code)
    if snapshot is None:
        response = HttpResponse(status=286)  # htmx: stop polling
        return response
    if request.GET.get("v") == str(snapshot["version"]):
        return HttpResponse(status=204)
    player = selectors.get_player(snapshot, request.COOKIES.get(PLAYER_COOKIE))
    return render(request, "infotools/quiz/fragment_play.html", _play_context(snapshot, player))


@require_POST
def answer(request, code):
    snapshot = selectors.get_snapshot(code)
    if snapshot is None:
        return session_not_found(request, code=code)
    player = selectors.get_player(snapshot, request.COOKIES.get(PLAYER_COOKIE))
    if player is None:
        return redirect("quiz:join", code=snapshot["code"])
    question = snapshot.get("question")
    if question is None or request.POST.get("question") != str(question["id"]):
        # The cached state may be a second behind another worker: look in the database.
        snapshot = selectors.get_snapshot(code, fresh=True) or snapshot
        question = snapshot.get("question")
    if question is None or request.POST.get("question") != str(question["id"]):
        refused = _("Te laat: deze vraag is al gesloten.")
        if request.headers.get("HX-Request"):
            context = {**_play_context(snapshot, player), "refused": refused}
            return render(request, "infotools/quiz/fragment_play.html", context)
        messages.error(request, refused)
        return redirect("quiz:play", code=snapshot["code"])
    refused = None
    try:
        response = services.answer_class_question(
            player=player, snapshot=snapshot, answer_id=request.POST.get("answer")
        )
        player.current_answer_id = response.answer_id
    except services.AnswerRefused as exc:
        refused = exc.message
    if request.headers.get("HX-Request"):
        # htmx swaps the pupil's stage in place: no redirect and no full page to render.
        context = {**_play_context(snapshot, player), "refused": refused}
        return render(request, "infotools/quiz/fragment_play.html", context)
    if refused:
        messages.error(request, refused)
    return redirect("quiz:play", code=snapshot["code"])
