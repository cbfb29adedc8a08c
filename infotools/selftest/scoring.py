"""The self-test "Is duaal leren iets voor mij?": questions, weights and the profile.

Pure Python: no ORM, no request, no settings. The texts are `gettext_lazy` markers (they only
become strings when a page or PDF shows them), so the algorithm runs and is tested without a
database. The views and forms build on `QUESTIONS`; `score(answers)` returns a `Profile`.

How the profile is decided (honest, not flattering):
- Eight questions score 0, 1 or 2 points (max 16): how you like to learn, working with others,
  wanting to learn in a real company (arbeidsbereid), and five on being ready to work
  (arbeidsrijp): getting up on time, following instructions, getting to a workplace, keeping
  going on a long day, dealing with remarks.
- "Not now" when the learner does not want to learn at a workplace, when two or more of the
  readiness answers are "that is still hard", or when the total is below half.
- "Fits" when the learner wants it, no readiness answer is "still hard", the total is at least
  13 of 16, the learner does not prefer learning from books, and is 15 or older.
- Everything in between is "might fit".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# ---------------------------------------------------------------------------------------------
# Questions
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    key: str  # also the name of the form field and of the URL parameter
    text: object
    options: tuple[tuple[str, object], ...]
    multiple: bool = False
    required: bool = True
    help_text: object = ""
    section: str = ""


# Interest → study domain codes of the Flemish catalogue (1 Taal en cultuur, 2 STEM,
# 3 Kunst en creatie, 4 Land- en tuinbouw, 5 Economie en organisatie, 6 Maatschappij en welzijn,
# 7 Sport, 8 Voeding en horeca).
INTEREST_DOMAINS: dict[str, tuple[int, ...]] = {
    "bouwen": (2,),
    "techniek": (2,),
    "koken": (8,),
    "natuur": (4,),
    "zorg": (6,),
    "verkopen": (5,),
    "sport": (7,),
    "creatief": (3,),
    "talen": (1,),
}
DOMAIN_NAMES: dict[int, object] = {
    1: _("Taal en cultuur"),
    2: _("STEM"),
    3: _("Kunst en creatie"),
    4: _("Land- en tuinbouw"),
    5: _("Economie en organisatie"),
    6: _("Maatschappij en welzijn"),
    7: _("Sport"),
    8: _("Voeding en horeca"),
}
DONT_KNOW = "weet-niet"

SECTION_INTERESTS = "interesses"
SECTION_LEARNING = "leren"
SECTION_WORK = "werken"
SECTION_PRACTICAL = "praktisch"
SECTIONS: tuple[tuple[str, object], ...] = (
    (SECTION_INTERESTS, _("Wat doe je graag?")),
    (SECTION_LEARNING, _("Hoe leer je?")),
    (SECTION_WORK, _("Ben je klaar om te werken?")),
    (SECTION_PRACTICAL, _("Over jou")),
)

QUESTIONS: tuple[Question, ...] = (
    Question(
        key="interesse",
        section=SECTION_INTERESTS,
        text=_("1. Waar word je blij van? Kies alles wat past."),
        multiple=True,
        options=(
            ("bouwen", _("Bouwen, timmeren of iets herstellen")),
            ("techniek", _("Werken met machines, elektriciteit, auto's of computers")),
            ("koken", _("Koken, bakken of gasten ontvangen")),
            ("natuur", _("Werken met planten, dieren of buiten in de natuur")),
            ("zorg", _("Zorgen voor mensen: kinderen, ouderen, haar en verzorging")),
            ("verkopen", _("Verkopen, klanten helpen, een winkel of een magazijn")),
            ("sport", _("Sporten en bewegen")),
            ("creatief", _("Tekenen, ontwerpen of iets moois maken")),
            ("talen", _("Talen en verhalen")),
            (DONT_KNOW, _("Ik weet het nog niet")),
        ),
    ),
    Question(
        key="leren",
        section=SECTION_LEARNING,
        text=_("2. Hoe leer je het liefst?"),
        options=(
            ("doen", _("Door het zelf te doen")),
            ("mix", _("Een beetje doen en een beetje uitleg")),
            ("boeken", _("Door te luisteren en te lezen")),
        ),
    ),
    Question(
        key="samen",
        section=SECTION_LEARNING,
        text=_("3. Werk je graag samen met anderen, ook met volwassenen?"),
        options=(
            ("graag", _("Ja, dat doe ik graag")),
            ("soms", _("Soms, het hangt ervan af")),
            ("liever-niet", _("Nee, liever niet")),
        ),
    ),
    Question(
        key="werkplek",
        section=SECTION_LEARNING,
        text=_("4. Wil je een deel van de week leren in een echt bedrijf?"),
        help_text=_("Je doet dan echt werk, met collega's en klanten."),
        options=(
            ("ja", _("Ja, dat wil ik graag")),
            ("twijfel", _("Ik weet het nog niet")),
            ("nee", _("Nee, ik blijf liever op school")),
        ),
    ),
    Question(
        key="op-tijd",
        section=SECTION_WORK,
        text=_("5. Lukt het om elke dag vroeg op te staan en op tijd te komen?"),
        options=(
            ("ja", _("Ja, dat lukt")),
            ("meestal", _("Meestal wel")),
            ("moeilijk", _("Dat vind ik nog moeilijk")),
        ),
    ),
    Question(
        key="opdrachten",
        section=SECTION_WORK,
        text=_("6. Je baas of je mentor zegt wat je moet doen. Hoe gaat dat?"),
        options=(
            ("goed", _("Ik doe het, en ik vraag het als ik iets niet snap")),
            ("meestal", _("Meestal gaat dat goed")),
            ("moeilijk", _("Ik vind het moeilijk om te doen wat iemand anders zegt")),
        ),
    ),
    Question(
        key="verplaatsen",
        section=SECTION_WORK,
        text=_("7. Kun je zelf naar een werkplek gaan?"),
        help_text=_("Met de fiets, de bus, de trein of een brommer."),
        options=(
            ("ja", _("Ja, dat kan ik alleen")),
            ("dichtbij", _("Als het niet te ver is, of met wat hulp")),
            ("moeilijk", _("Dat is nu moeilijk")),
        ),
    ),
    Question(
        key="volhouden",
        section=SECTION_WORK,
        text=_("8. Een werkdag is lang en soms zwaar. Hoe ga je daarmee om?"),
        options=(
            ("volhouden", _("Ik hou vol, ook als ik moe ben")),
            ("soms", _("Soms is dat lastig")),
            ("opgeven", _("Ik geef het dan snel op")),
        ),
    ),
    Question(
        key="opmerkingen",
        section=SECTION_WORK,
        text=_("9. Iemand zegt dat je iets anders moet doen. Wat doe je?"),
        options=(
            ("leren", _("Ik luister en ik probeer het beter te doen")),
            ("soms", _("Dat vind ik soms lastig")),
            ("boos", _("Ik word snel boos of ik stop ermee")),
        ),
    ),
    Question(
        key="leeftijd",
        section=SECTION_PRACTICAL,
        text=_("10. Hoe oud ben je?"),
        options=(
            ("jonger-15", _("Jonger dan 15 jaar")),
            ("15-17", _("15, 16 of 17 jaar")),
            ("18-24", _("18 tot 24 jaar")),
            ("25-plus", _("25 jaar of ouder")),
        ),
    ),
    Question(
        key="school",
        section=SECTION_PRACTICAL,
        text=_("11. Waar zit je nu?"),
        options=(
            ("eerste-graad", _("In de eerste graad van het secundair")),
            ("secundair", _("In de tweede of derde graad van het secundair")),
            ("buso", _("In het buitengewoon secundair onderwijs (BuSO)")),
            ("niet-op-school", _("Ik ga niet meer naar school")),
            ("volwassene", _("Ik volg een opleiding voor volwassenen of hoger onderwijs")),
        ),
    ),
)
QUESTIONS_BY_KEY = {question.key: question for question in QUESTIONS}

# 12th question: the postcode and how far you want to travel (handled by the form: the
# postcode needs a database lookup).
POSTCODE_KEY = "postcode"
DISTANCE_KEY = "km"
DISTANCE_OPTIONS: tuple[tuple[str, object], ...] = (
    ("10", _("tot 10 km")),
    ("20", _("tot 20 km")),
    ("30", _("tot 30 km")),
    ("50", _("tot 50 km")),
)
DEFAULT_DISTANCE = "20"

# Points per answer (0 = "still hard", 2 = ready). Questions not listed here do not score.
POINTS: dict[str, dict[str, int]] = {
    "leren": {"doen": 2, "mix": 1, "boeken": 0},
    "samen": {"graag": 2, "soms": 1, "liever-niet": 0},
    "werkplek": {"ja": 2, "twijfel": 1, "nee": 0},
    "op-tijd": {"ja": 2, "meestal": 1, "moeilijk": 0},
    "opdrachten": {"goed": 2, "meestal": 1, "moeilijk": 0},
    "verplaatsen": {"ja": 2, "dichtbij": 1, "moeilijk": 0},
    "volhouden": {"volhouden": 2, "soms": 1, "opgeven": 0},
    "opmerkingen": {"leren": 2, "soms": 1, "boos": 0},
}
READINESS_KEYS = ("op-tijd", "opdrachten", "verplaatsen", "volhouden", "opmerkingen")
MAX_POINTS = 2 * len(POINTS)
FITS_FROM = 13
NOT_NOW_BELOW = MAX_POINTS // 2
NOT_NOW_FROM_HARD = 2  # this many readiness answers "still hard" means: not now


# ---------------------------------------------------------------------------------------------
# Texts of the profile (codes → Dutch; the codes are what tests and the tally rely on)
# ---------------------------------------------------------------------------------------------

FITS = "past"
MAYBE = "misschien"
NOT_NOW = "nu-niet"
RESULTS = (FITS, MAYBE, NOT_NOW)

RESULT_TITLES = {
    FITS: _("Duaal leren past bij jou"),
    MAYBE: _("Duaal leren past misschien bij jou"),
    NOT_NOW: _("Duaal leren is nu waarschijnlijk nog niet voor jou"),
}
RESULT_SUMMARIES = {
    FITS: _(
        "Je wilt leren in een bedrijf en je bent er klaar voor. Praat erover met je ouders "
        "en je school, en kijk welke opleiding je wilt volgen."
    ),
    MAYBE: _(
        "Veel dingen passen bij duaal leren, maar een paar dingen zijn nog moeilijk. Daar kun "
        "je aan werken. Praat erover met iemand van je school of het CLB."
    ),
    NOT_NOW: _(
        "Op dit moment is duaal leren waarschijnlijk niet de beste keuze. Dat is geen "
        "probleem: er zijn andere wegen, en later kan het wel. We helpen je graag verder."
    ),
}

# (answer key, answer value) → reason code
REASONS_BY_ANSWER: dict[tuple[str, str], str] = {
    ("leren", "doen"): "leert-door-doen",
    ("leren", "boeken"): "leert-uit-boeken",
    ("samen", "graag"): "werkt-graag-samen",
    ("samen", "liever-niet"): "werkt-liever-alleen",
    ("werkplek", "ja"): "wil-in-bedrijf",
    ("werkplek", "twijfel"): "twijfelt-over-bedrijf",
    ("werkplek", "nee"): "wil-niet-in-bedrijf",
    ("op-tijd", "ja"): "op-tijd",
    ("op-tijd", "moeilijk"): "moeilijk-op-tijd",
    ("opdrachten", "goed"): "volgt-opdrachten",
    ("opdrachten", "moeilijk"): "moeilijk-opdrachten",
    ("verplaatsen", "ja"): "verplaatst-zich",
    ("verplaatsen", "moeilijk"): "moeilijk-verplaatsen",
    ("volhouden", "volhouden"): "houdt-vol",
    ("volhouden", "opgeven"): "geeft-snel-op",
    ("opmerkingen", "leren"): "leert-van-opmerkingen",
    ("opmerkingen", "boos"): "moeilijk-opmerkingen",
    ("leeftijd", "jonger-15"): "nog-jong",
}
REASON_TEXTS: dict[str, object] = {
    "leert-door-doen": _("Je leert graag door te doen."),
    "leert-uit-boeken": _("Je leert liever door te luisteren en te lezen dan door te doen."),
    "werkt-graag-samen": _("Je werkt graag samen met anderen."),
    "werkt-liever-alleen": _("Je werkt liever niet samen met anderen."),
    "wil-in-bedrijf": _("Je wilt graag leren in een echt bedrijf."),
    "twijfelt-over-bedrijf": _("Je weet nog niet of je in een bedrijf wilt leren."),
    "wil-niet-in-bedrijf": _("Je blijft liever op school dan in een bedrijf te leren."),
    "op-tijd": _("Je staat op tijd op en je bent op tijd."),
    "moeilijk-op-tijd": _("Je vindt het nog moeilijk om op tijd te komen."),
    "volgt-opdrachten": _("Je doet wat je baas vraagt, en je vraagt het als je iets niet snapt."),
    "moeilijk-opdrachten": _("Je vindt het nog moeilijk om te doen wat iemand anders zegt."),
    "verplaatst-zich": _("Je kunt alleen naar een werkplek gaan."),
    "moeilijk-verplaatsen": _("Naar een werkplek gaan is nu nog moeilijk."),
    "houdt-vol": _("Je houdt vol, ook op een lange dag."),
    "geeft-snel-op": _("Je geeft het nog snel op als het zwaar wordt."),
    "leert-van-opmerkingen": _("Je leert van wat anderen je zeggen."),
    "moeilijk-opmerkingen": _("Je vindt het nog moeilijk als iemand zegt dat het anders moet."),
    "nog-jong": _(
        "Je bent nog jonger dan 15. Duaal leren begint pas in de tweede graad van het secundair."
    ),
}

# Other paths when dual learning does not (yet) fit: referral, not a dead end.
ALTERNATIVE_TEXTS: dict[str, tuple[object, object]] = {
    "aanloopfase": (
        _("De aanloopfase"),
        _(
            "Een voorbereiding op duaal leren. Je werkt aan wat nog moeilijk is, zoals op tijd "
            "komen of opdrachten volgen. Daarna kun je overstappen naar een duale opleiding."
        ),
    ),
    "voltijds": (
        _("Een opleiding op school"),
        _(
            "Leer je liever in de klas? Dan past een gewone opleiding op school misschien beter. "
            "Ook daar leer je een beroep, soms met stages in een bedrijf."
        ),
    ),
    "clb": (
        _("Een gesprek met het CLB"),
        _(
            "Het CLB (centrum voor leerlingenbegeleiding) helpt je gratis kiezen. Je school weet "
            "hoe je het CLB bereikt."
        ),
    ),
    "steunpunt": (
        _("Een gesprek met het Steunpunt"),
        _(
            "Stel je vraag aan het Steunpunt Duaal Leren. We luisteren, we zoeken mee wat "
            "past en we brengen je bij de juiste persoon."
        ),
    ),
    "volwassenen": (
        _("Leren als volwassene"),
        _(
            "Ook als volwassene kun je een beroep leren op school en op de werkvloer, "
            "bijvoorbeeld bij Syntra, een centrum voor volwassenenonderwijs of de VDAB."
        ),
    ),
    "later": (
        _("Later opnieuw"),
        _("Je verandert. Doe deze test over een paar maanden nog eens."),
    ),
}

NEXT_STEP_TEXTS: dict[str, object] = {
    "praat-thuis": _("Praat over de uitslag met je ouders of met iemand die je vertrouwt."),
    "praat-school": _(
        "Praat erover met je klastitularis of de trajectbegeleider van je school. De "
        "klassenraad kan je advies geven."
    ),
    "bekijk-opleidingen": _(
        "Bekijk de opleidingen die bij je passen. Ga eens kijken op een infodag van de school."
    ),
    "werkplek": _(
        "Voor duaal leren heb je een overeenkomst met een erkend bedrijf nodig. De "
        "trajectbegeleider van je school helpt je een werkplek te vinden."
    ),
    "werk-aan": _(
        "Kies één ding dat nog moeilijk is en oefen het, bijvoorbeeld elke dag op tijd komen."
    ),
    "praat-clb": _("Maak een afspraak met het CLB. Zij helpen je kiezen, gratis en in vertrouwen."),
    "vraag-steunpunt": _(
        "Twijfel je nog? Stel je vraag aan het Steunpunt. We zoeken samen wat past."
    ),
    "volwassen-opleiding": _(
        "Ga je niet meer naar school? Het Steunpunt, Syntra of de VDAB zoeken met je mee naar "
        "een opleiding op school en op de werkvloer."
    ),
    "opnieuw": _("Doe de test later nog eens: wat nu moeilijk is, kan over een tijd wel lukken."),
}

CONTACT_TEXTS: dict[str, tuple[object, object]] = {
    "trajectbegeleider": (
        _("De trajectbegeleider van je school"),
        _("Die volgt leerlingen in duaal leren op en zoekt mee naar een werkplek."),
    ),
    "clb": (
        _("Het CLB"),
        _("Het centrum voor leerlingenbegeleiding helpt bij je studiekeuze."),
    ),
    "steunpunt": (
        _("Het Steunpunt Duaal Leren"),
        _("Voor elke vraag over duaal leren in West-Vlaanderen. We verwijzen je door als nodig."),
    ),
    "vdab": (
        _("De VDAB"),
        _("Voor wie niet meer naar school gaat en werk of een opleiding zoekt."),
    ),
}


# ---------------------------------------------------------------------------------------------
# The profile
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    code: str
    positive: bool

    @property
    def text(self):
        return REASON_TEXTS[self.code]


@dataclass(frozen=True)
class Titled:
    code: str
    title: object
    text: object


@dataclass(frozen=True)
class Profile:
    result: str
    points: int
    reasons: tuple[Reason, ...]
    domain_codes: tuple[int, ...]
    alternatives: tuple[str, ...]
    next_steps: tuple[str, ...]
    contacts: tuple[str, ...]
    buso: bool = False
    max_points: int = MAX_POINTS

    @property
    def title(self):
        return RESULT_TITLES[self.result]

    @property
    def summary(self):
        return RESULT_SUMMARIES[self.result]

    @property
    def strengths(self) -> list[Reason]:
        return [reason for reason in self.reasons if reason.positive]

    @property
    def concerns(self) -> list[Reason]:
        return [reason for reason in self.reasons if not reason.positive]

    @property
    def domains(self) -> list[tuple[int, object]]:
        return [(code, DOMAIN_NAMES[code]) for code in self.domain_codes]

    @property
    def alternative_items(self) -> list[Titled]:
        return [Titled(code, *ALTERNATIVE_TEXTS[code]) for code in self.alternatives]

    @property
    def next_step_texts(self) -> list[object]:
        return [NEXT_STEP_TEXTS[code] for code in self.next_steps]

    @property
    def contact_items(self) -> list[Titled]:
        return [Titled(code, *CONTACT_TEXTS[code]) for code in self.contacts]

    @property
    def is_fit(self) -> bool:
        return self.result == FITS


class InvalidAnswers(ValueError):
    """Answers that are missing or not among the options (the form normally prevents this)."""


def validate(answers: dict[str, object]) -> dict[str, object]:
    """Check the answers against the options; returns them normalised (interests as a tuple)."""
    clean: dict[str, object] = {}
    for question in QUESTIONS:
        allowed = {value for value, _label in question.options}
        value = answers.get(question.key)
        if question.multiple:
            values = tuple(value or ())
            if isinstance(value, str):
                values = (value,)
            if question.required and not values:
                raise InvalidAnswers(question.key)
            if not set(values) <= allowed:
                raise InvalidAnswers(question.key)
            clean[question.key] = tuple(v for v, _label in question.options if v in values)
        else:
            if value not in allowed:
                raise InvalidAnswers(question.key)
            clean[question.key] = value
    return clean


def score(answers: dict[str, object]) -> Profile:
    """The honest profile for one set of answers (keys and values as in QUESTIONS)."""
    answers = validate(answers)
    points = sum(POINTS[key][answers[key]] for key in POINTS)
    hard = sum(1 for key in READINESS_KEYS if POINTS[key][answers[key]] == 0)
    wants = answers["werkplek"]
    too_young = answers["leeftijd"] == "jonger-15"

    if wants == "nee" or hard >= NOT_NOW_FROM_HARD or points < NOT_NOW_BELOW:
        result = NOT_NOW
    elif (
        wants == "ja"
        and hard == 0
        and points >= FITS_FROM
        and answers["leren"] != "boeken"
        and not too_young
    ):
        result = FITS
    else:
        result = MAYBE

    reasons = []
    for question in QUESTIONS:
        code = REASONS_BY_ANSWER.get((question.key, answers[question.key]))
        if code is not None:
            positive = POINTS.get(question.key, {}).get(answers[question.key], 0) == 2
            reasons.append(Reason(code, positive))
    # What is still hard first when it is not a fit: that is what the learner can work on.
    if result != FITS:
        reasons.sort(key=lambda reason: reason.positive)

    domains: list[int] = []
    for interest in answers["interesse"]:
        for code in INTEREST_DOMAINS.get(interest, ()):
            if code not in domains:
                domains.append(code)

    school = answers["school"]
    adult = school in ("niet-op-school", "volwassene") or answers["leeftijd"] == "25-plus"
    return Profile(
        result=result,
        points=points,
        reasons=tuple(reasons),
        domain_codes=tuple(domains),
        alternatives=_alternatives(result, answers, adult),
        next_steps=_next_steps(result, adult),
        contacts=_contacts(adult),
        buso=school == "buso",
    )


def _alternatives(result: str, answers: dict, adult: bool) -> tuple[str, ...]:
    if result == FITS:
        return ()
    options = []
    if adult:
        options.append("volwassenen")
    elif answers["werkplek"] != "nee":
        options.append("aanloopfase")
    if answers["leren"] == "boeken" or answers["werkplek"] == "nee":
        options.append("voltijds")
    if not adult:
        options.append("clb")
    options.append("steunpunt")
    if result == NOT_NOW:
        options.append("later")
    return tuple(options)


def _next_steps(result: str, adult: bool) -> tuple[str, ...]:
    if result == FITS:
        steps = ["praat-thuis", "praat-school", "bekijk-opleidingen", "werkplek"]
    elif result == MAYBE:
        steps = ["werk-aan", "praat-school", "praat-clb", "bekijk-opleidingen"]
    else:
        steps = ["praat-thuis", "praat-clb", "vraag-steunpunt", "opnieuw"]
    if adult:
        steps = [s for s in steps if s not in ("praat-school", "praat-clb")]
        steps.insert(0, "volwassen-opleiding")
    return tuple(steps)


def _contacts(adult: bool) -> tuple[str, ...]:
    if adult:
        return ("steunpunt", "vdab")
    return ("trajectbegeleider", "clb", "steunpunt")
