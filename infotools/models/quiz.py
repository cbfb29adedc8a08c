"""The class quiz ("De Duale Quiz").

Content (Quiz → QuizQuestion → QuizAnswer) is managed by coordinators in the admin. A class
session (QuizSession with its QuizPlayer and QuizResponse rows) lives a few hours and is then
deleted by a periodic task; what stays is anonymous: QuizAnswerTally counts per answer.
"""

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinLengthValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

__all__ = [
    "JOIN_CODE_ALPHABET",
    "JOIN_CODE_LENGTH",
    "IllegalQuizTransition",
    "Quiz",
    "QuizAnswer",
    "QuizAnswerTally",
    "QuizPlayTally",
    "QuizPlayer",
    "QuizQuestion",
    "QuizResponse",
    "QuizSession",
    "new_join_code",
    "new_token",
]

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: codes are read from a beamer and typed on a phone.
JOIN_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
JOIN_CODE_LENGTH = 5
MAX_IMAGE_BYTES = 2 * 1024 * 1024


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def new_token() -> str:
    return secrets.token_urlsafe(24)


def validate_image_size(file) -> None:
    if file and file.size > MAX_IMAGE_BYTES:
        raise ValidationError(_("De afbeelding mag hoogstens 2 MB groot zijn."))


class IllegalQuizTransition(Exception):
    """A class session was asked to move to a state it cannot reach from where it is."""


class Quiz(models.Model):
    title = models.CharField(_("titel"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    intro = models.TextField(_("inleiding"), blank=True)
    published = models.BooleanField(_("gepubliceerd"), default=False)
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        db_table = "campaigns_quiz"  # the table of when it lived in campaigns
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzen")
        ordering = ["order", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("quiz:solo", kwargs={"slug": self.slug})


class QuizQuestion(models.Model):
    quiz = models.ForeignKey(
        Quiz, on_delete=models.CASCADE, related_name="questions", verbose_name=_("quiz")
    )
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    text = models.CharField(_("vraag"), max_length=300)
    explanation = models.TextField(
        _("uitleg"), help_text=_("Kort en in eenvoudig Nederlands: waarom is dit het antwoord?")
    )
    image = models.ImageField(
        _("afbeelding"),
        upload_to="quiz/",
        blank=True,
        validators=[validate_image_size],
        help_text=_("Optioneel, hoogstens 2 MB."),
    )
    image_alt = models.CharField(
        _("beschrijving van de afbeelding"),
        max_length=200,
        blank=True,
        help_text=_("Verplicht bij een afbeelding: wat is erop te zien?"),
    )

    class Meta:
        db_table = "campaigns_quizquestion"  # the table of when it lived in campaigns
        verbose_name = _("quizvraag")
        verbose_name_plural = _("quizvragen")
        ordering = ["quiz", "order", "pk"]

    def __str__(self):
        return self.text

    def clean(self):
        if self.image and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Beschrijf de afbeelding voor wie ze niet kan zien.")}
            )


class QuizAnswer(models.Model):
    MIN_PER_QUESTION = 2
    MAX_PER_QUESTION = 4

    question = models.ForeignKey(
        QuizQuestion, on_delete=models.CASCADE, related_name="answers", verbose_name=_("vraag")
    )
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    text = models.CharField(_("antwoord"), max_length=200)
    is_correct = models.BooleanField(_("juist antwoord"), default=False)

    class Meta:
        db_table = "campaigns_quizanswer"  # the table of when it lived in campaigns
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        ordering = ["question", "order", "pk"]
        constraints = [
            # At most one right answer per question; "at least one" and "2 to 4 answers" span
            # several rows and are checked by the admin formset and services.check_question.
            models.UniqueConstraint(
                fields=["question"],
                condition=Q(is_correct=True),
                name="quiz_answer_one_correct_per_question",
            ),
        ]

    def __str__(self):
        return self.text


class QuizAnswerTally(models.Model):
    """Anonymous counts per answer, kept after the sessions are deleted (campaign figures)."""

    answer = models.OneToOneField(
        QuizAnswer,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="tally",
        verbose_name=_("antwoord"),
    )
    class_count = models.PositiveIntegerField(_("gekozen in de klas"), default=0)
    solo_count = models.PositiveIntegerField(_("gekozen alleen"), default=0)

    class Meta:
        db_table = "campaigns_quizanswertally"  # the table of when it lived in campaigns
        verbose_name = _("telling per antwoord")
        verbose_name_plural = _("tellingen per antwoord")

    def __str__(self):
        return f"{self.answer}: {self.class_count} + {self.solo_count}"


class QuizPlayTally(models.Model):
    """Class sessions with players, and their players, per day and quiz: what stays of the class
    sessions after the cleanup deletes them (the figures campaigns.quiz_sessions/_players)."""

    quiz = models.ForeignKey(
        Quiz, on_delete=models.CASCADE, related_name="play_tallies", verbose_name=_("quiz")
    )
    day = models.DateField(_("dag"))
    sessions = models.PositiveIntegerField(_("klassessies"), default=0)
    players = models.PositiveIntegerField(_("spelers"), default=0)

    class Meta:
        db_table = "campaigns_quizplaytally"  # the table of when it lived in campaigns
        verbose_name = _("telling per dag")
        verbose_name_plural = _("tellingen per dag")
        constraints = [
            models.UniqueConstraint(fields=["quiz", "day"], name="quiz_play_tally_unique_day"),
        ]

    def __str__(self):
        return f"{self.quiz} {self.day:%d/%m/%Y}: {self.sessions} / {self.players}"


class QuizSession(models.Model):
    """One class playing one quiz, led from the teacher's (anonymous) host page."""

    class State(models.TextChoices):
        LOBBY = "lobby", _("wachten op spelers")
        OPEN = "open", _("vraag staat open")
        REVEAL = "reveal", _("antwoord getoond")
        FINISHED = "finished", _("afgelopen")

    quiz = models.ForeignKey(
        Quiz, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("quiz")
    )
    code = models.CharField(_("deelnamecode"), max_length=JOIN_CODE_LENGTH)
    host_token = models.CharField(_("sleutel van de leerkracht"), max_length=64, unique=True)
    state = models.CharField(_("toestand"), max_length=10, choices=State, default=State.LOBBY)
    # 0-based index into the quiz's questions; meaningful in OPEN and REVEAL.
    current_index = models.PositiveIntegerField(_("huidige vraag"), default=0)
    # Bumped on every state change: the cached snapshot of the session carries it.
    version = models.PositiveIntegerField(_("versie"), default=0)
    active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(_("aangemaakt op"))
    expires_at = models.DateTimeField(_("vervalt op"))

    class Meta:
        db_table = "campaigns_quizsession"  # the table of when it lived in campaigns
        verbose_name = _("klassessie")
        verbose_name_plural = _("klassessies")
        constraints = [
            # A join code points at one running session at a time.
            models.UniqueConstraint(
                fields=["code"], condition=Q(active=True), name="quiz_session_active_code_unique"
            ),
        ]
        indexes = [
            # The cleanup task: QuizSession.objects.filter(expires_at__lt=now)
            models.Index(fields=["expires_at"], name="quiz_session_expires_idx"),
        ]

    def __str__(self):
        return f"{self.quiz} ({self.code})"

    def get_absolute_url(self):
        return reverse("quiz:join", kwargs={"code": self.code})

    # --- transitions (the caller saves) ----------------------------------------------------
    def _bump(self):
        self.version += 1

    def open_next_question(self, *, question_count: int) -> None:
        if self.state == self.State.LOBBY:
            index = 0
        elif self.state == self.State.REVEAL:
            index = self.current_index + 1
        else:
            raise IllegalQuizTransition(f"Cannot open a question from {self.state}.")
        if index >= question_count:
            raise IllegalQuizTransition("No question left to open.")
        self.current_index = index
        self.state = self.State.OPEN
        self._bump()

    def close_question(self) -> None:
        if self.state != self.State.OPEN:
            raise IllegalQuizTransition(f"Cannot close a question from {self.state}.")
        self.state = self.State.REVEAL
        self._bump()

    def finish(self) -> None:
        if self.state == self.State.FINISHED:
            raise IllegalQuizTransition("Already finished.")
        self.state = self.State.FINISHED
        self._bump()


class QuizPlayer(models.Model):
    NICKNAME_MIN = 2
    NICKNAME_MAX = 20

    session = models.ForeignKey(
        QuizSession, on_delete=models.CASCADE, related_name="players", verbose_name=_("sessie")
    )
    nickname = models.CharField(
        _("bijnaam"),
        max_length=NICKNAME_MAX,
        validators=[MinLengthValidator(NICKNAME_MIN), MaxLengthValidator(NICKNAME_MAX)],
    )
    token = models.CharField(_("sleutel"), max_length=64, unique=True)
    score = models.PositiveIntegerField(_("score"), default=0)
    joined_at = models.DateTimeField(_("aangesloten op"))

    class Meta:
        db_table = "campaigns_quizplayer"  # the table of when it lived in campaigns
        verbose_name = _("speler")
        verbose_name_plural = _("spelers")
        constraints = [
            models.UniqueConstraint(
                "session", Lower("nickname"), name="quiz_player_nickname_unique_in_session"
            ),
        ]
        indexes = [
            # The scoreboard: session.players.order_by("-score", "joined_at")
            models.Index(
                fields=["session", "-score", "joined_at"], name="quiz_player_scoreboard_idx"
            ),
        ]

    def __str__(self):
        return self.nickname


class QuizResponse(models.Model):
    player = models.ForeignKey(
        QuizPlayer, on_delete=models.CASCADE, related_name="responses", verbose_name=_("speler")
    )
    question = models.ForeignKey(
        QuizQuestion, on_delete=models.CASCADE, related_name="responses", verbose_name=_("vraag")
    )
    answer = models.ForeignKey(
        QuizAnswer, on_delete=models.CASCADE, related_name="responses", verbose_name=_("antwoord")
    )
    correct = models.BooleanField(_("juist"))
    answered_at = models.DateTimeField(_("geantwoord op"))

    class Meta:
        db_table = "campaigns_quizresponse"  # the table of when it lived in campaigns
        verbose_name = _("antwoord van een speler")
        verbose_name_plural = _("antwoorden van spelers")
        constraints = [
            models.UniqueConstraint(
                fields=["player", "question"], name="quiz_response_one_per_question"
            ),
        ]
        indexes = [
            # The host's reveal: responses of the question grouped by answer
            models.Index(fields=["question", "answer"], name="quiz_response_question_idx"),
        ]

    def __str__(self):
        return f"{self.player}: {self.answer}"
