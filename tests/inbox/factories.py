import factory
from django.utils import timezone

from steunpunt.inbox.models import Answer, InfoSessionDetails, Question, QuestionNote


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    reference = factory.Sequence(lambda n: f"V-2026-{90000 + n:05d}")
    kind = Question.Kind.QUESTION
    audience = Question.Audience.PARENT
    name = "Els Vandamme"
    email = factory.Sequence(lambda n: f"ouder{n}@voorbeeld.test")
    phone = "0470 12 34 56"
    text = "Kan mijn zoon van 16 duaal leren als kapper in de buurt van Tielt?"
    consent = True
    consent_given_at = factory.LazyFunction(timezone.now)


class InfoSessionQuestionFactory(QuestionFactory):
    class Meta:
        skip_postgeneration_save = True

    kind = Question.Kind.INFO_SESSION
    audience = Question.Audience.SCHOOL
    reference = factory.Sequence(lambda n: f"I-2026-{90000 + n:05d}")
    info_session = factory.RelatedFactory(
        "tests.inbox.factories.InfoSessionDetailsFactory", factory_related_name="question"
    )


class InfoSessionDetailsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InfoSessionDetails

    question = factory.SubFactory(InfoSessionQuestionFactory, info_session=None)
    organisation_name = "VTI Roeselare"
    session_audience = InfoSessionDetails.SessionAudience.PARENTS
    participants = 40
    preferred_dates = "Een dinsdagavond in maart"
    place = "Aula, Stationsstraat 1, Roeselare"


class QuestionNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionNote

    question = factory.SubFactory(QuestionFactory)
    text = "Mama belde nog eens: zoon zit in 4de jaar haarzorg."


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    question = factory.SubFactory(QuestionFactory)
    body = "Dag Els, dat kan. Kijk op de opleidingenzoeker."
    sent_to = factory.SelfAttribute("question.email")
