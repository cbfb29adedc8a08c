"""The access matrix: every URL pattern of the project, every role, one expected outcome.

A URL pattern that is missing from MATRIX (or from the admin rule) fails
`test_every_url_is_declared`, so each new view must say who may see it.

Outcomes are what a person ends up seeing after following redirects:
OK (a page), LOGIN (the login page), FORBIDDEN (403), NOT_FOUND (404), NOT_ALLOWED (405).
"""

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access import fragments
from tests.access.rules import (  # noqa: F401  (the vocabulary of this file)
    FORBIDDEN,
    LOGGED_IN,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    ROLES,
    STAFF,
    Rule,
    anonymous_only,
    logged_in_only,
    public,
)
from tests.factories import ProgrammeFactory

# The school's own page: its contact and coordinators see it; everyone else gets a 404.
ORGANISATION_PAGE = Rule(
    NOT_FOUND,
    kwargs=lambda cast: {"uuid": cast["school"].uuid},
    per_role={"anonymous": LOGIN, "coordinator": OK, "school_contact": OK},
)


def _audience_page():
    from steunpunt.content.models import AudiencePage
    from tests.content.factories import AudiencePageFactory

    return AudiencePage.objects.filter(published=True).first() or AudiencePageFactory()


def _inbox_question():
    from tests.inbox.factories import QuestionFactory

    return QuestionFactory()


def _quiz_session():
    """A class session of De Duale Quiz (started with a teacher's POST, so on commit)."""
    from tests.infotools.quiz_factories import make_session

    return make_session()


def _quiz_code(cast):
    return {"code": _quiz_session().code}


def _quiz_host(cast):
    return {"host_token": _quiz_session().host_token}


MATRIX: dict[str, Rule] = {
    # Public shell
    "core:home": public(),
    "core:privacy": public(),
    "core:accessibility": public(),
    "core:health": public(),
    "core:robots_txt": public(),
    "core:favicon": public(),
    "sitemap": public(),
    # Public information (content app): a published audience page, the FAQ, the glossary
    "content:audience_page": public(kwargs=lambda cast: {"slug": _audience_page().slug}),
    "content:faq": public(),
    "content:glossary": public(),
    # Programme finder: public pages (a programme, and the school's public provider page)
    "core:programme_list": public(),
    "core:programme_detail": public(kwargs=lambda cast: {"slug": ProgrammeFactory().slug}),
    "core:provider_detail": public(kwargs=lambda cast: {"uuid": cast["school"].uuid}),
    # Logged-in pages
    "core:my_portal": logged_in_only(),
    "core:organisation_detail": ORGANISATION_PAGE,
    # Inbox: the public forms, the thank-you page, the coordinators' inbox and its actions
    "inbox:contact": public(),
    "inbox:info_session_request": public(),
    "inbox:thanks": public(kwargs=lambda cast: {"uuid": _inbox_question().uuid}),
    "inbox:question_list": Rule(FORBIDDEN, per_role={"anonymous": LOGIN, "coordinator": OK}),
    "inbox:question_detail": Rule(
        FORBIDDEN,
        kwargs=lambda cast: {"uuid": _inbox_question().uuid},
        per_role={"anonymous": LOGIN, "coordinator": OK},
    ),
    **{
        f"inbox:question_{action}": Rule(
            FORBIDDEN,
            kwargs=lambda cast: {"uuid": _inbox_question().uuid},
            per_role={"anonymous": LOGIN, "coordinator": NOT_ALLOWED},  # POST only
        )
        for action in ("status", "assign", "refer", "note", "answer", "held")
    },
    # De Duale Quiz: public for everyone; the teacher's pages need the host token in the URL,
    # a pupil's pages the join code (without a player cookie, the play page shows the join form).
    "quiz:list": public(),
    "quiz:find": public(),  # without a code: back to the list
    "quiz:solo": public(kwargs=lambda cast: {"slug": _quiz_session().quiz.slug}),
    "quiz:start_class": public(kwargs=lambda cast: {"slug": _quiz_session().quiz.slug}),
    "quiz:host": public(kwargs=_quiz_host),
    "quiz:host_stage": public(kwargs=_quiz_host),
    "quiz:host_board": public(kwargs=_quiz_host),
    "quiz:host_advance": Rule(NOT_ALLOWED, kwargs=_quiz_host),  # POST only
    "quiz:join": public(kwargs=_quiz_code),
    "quiz:play": public(kwargs=_quiz_code),
    "quiz:play_fragment": public(kwargs=_quiz_code),
    "quiz:answer": Rule(NOT_ALLOWED, kwargs=_quiz_code),  # POST only
    "quiz:qr": public(kwargs=_quiz_code),
    # Zelftest: the questions and the result are public (the result without answers sends the
    # visitor back to the questions); the PDF is POST only.
    "selftest:start": public(),
    "selftest:result": public(),
    "selftest:pdf": Rule(NOT_ALLOWED),
    # allauth: accounts and two-factor authentication
    "account_login": anonymous_only(),
    "account_request_login_code": anonymous_only(),
    # Without a pending code the page sends the visitor back to "request a code".
    "account_confirm_login_code": public(),
    "account_signup": Rule(OK),  # closed: shows "aanmelden is gesloten"
    "account_logout": Rule(OK),
    "account_inactive": public(),
    "account_reauthenticate": logged_in_only(),
    "account_email": logged_in_only(),
    "account_email_verification_sent": public(),
    "account_confirm_email": Rule(OK, kwargs=lambda cast: {"key": "onbestaande-sleutel"}),
    "account_change_password": logged_in_only(),
    "account_set_password": logged_in_only(),
    "account_reset_password": public(),
    "account_reset_password_done": public(),
    "account_reset_password_from_key": Rule(
        OK, kwargs=lambda cast: {"uidb36": "1", "key": "set-password"}
    ),
    "account_reset_password_from_key_done": public(),
    "mfa_index": logged_in_only(),
    "mfa_authenticate": Rule(LOGIN, per_role={r: OK for r in LOGGED_IN}),
    "mfa_reauthenticate": logged_in_only(),
    "mfa_activate_totp": logged_in_only(),
    # Only who has an authenticator (the staff in the cast) can deactivate it.
    "mfa_deactivate_totp": Rule(
        NOT_FOUND, per_role={"anonymous": LOGIN, "coordinator": OK, "pof_secretary": OK}
    ),
    # Nobody in the cast has generated recovery codes yet.
    "mfa_view_recovery_codes": Rule(NOT_FOUND, per_role={"anonymous": LOGIN}),
    "mfa_generate_recovery_codes": logged_in_only(),
    "mfa_download_recovery_codes": Rule(NOT_FOUND, per_role={"anonymous": LOGIN}),
}

for _fragment in fragments():
    _clash = set(MATRIX) & set(_fragment.RULES)
    assert not _clash, f"{_fragment.__name__} declares URLs twice: {_clash}"
    MATRIX.update(_fragment.RULES)

# Admin pages: only staff get in; the POF secretariat only to the apps it manages.
POF_ADMIN_APPS = ("network", "pof")
ADMIN_ALWAYS_OK_FOR_STAFF = (
    "admin:index",
    "admin:jsi18n",
    "admin:password_change",
    "admin:password_change_done",
    "admin:login",
)


# Admin pages nobody may use in that way, whatever their role.
ADMIN_NEVER = (
    "admin:inbox_question_add",  # questions come in through the public forms only
    "admin:mfa_authenticator_add",  # authenticators are enrolled by their owner only
    "admin:core_jobfailure_add",  # failures are recorded by the workers, not typed in
    "admin:auth_group_add",  # roles are fixed; coordinators only view them
    "admin:auth_group_delete",
    "admin:infotools_selftesttally_add",  # counted by the self-test, never typed in
    *(name for fragment in fragments() for name in getattr(fragment, "ADMIN_NEVER", ())),
)


def admin_expected(role: str, name: str, route: str) -> str:
    if role == "anonymous":
        return LOGIN
    if role not in STAFF:
        return FORBIDDEN
    if name == "admin:logout" or name.endswith("_process_import"):
        return NOT_ALLOWED  # these take a POST
    app = route.removeprefix("admin/").split("/", 1)[0]
    if not name:  # the catch-all for unknown admin pages, and the redirect to a change page
        if "(?P<url>" in route:
            return NOT_FOUND
        return OK if role == "coordinator" or app in POF_ADMIN_APPS else FORBIDDEN
    if name == "admin:view_on_site":
        # Redirects to the school's own page: coordinators see it, the POF secretariat doesn't.
        return OK if role == "coordinator" else NOT_FOUND
    if name in ADMIN_NEVER:
        return FORBIDDEN
    if role == "coordinator":
        return OK
    if name in ADMIN_ALWAYS_OK_FOR_STAFF:
        return OK
    if app in POF_ADMIN_APPS:
        return OK
    if name == "admin:app_list":
        return NOT_FOUND
    return FORBIDDEN


@pytest.fixture
def admin_objects(cast):
    """One row of every model the admin manages, so change/history/delete pages are real."""
    from django.utils import timezone
    from django_celery_beat.models import (
        ClockedSchedule,
        CrontabSchedule,
        IntervalSchedule,
        PeriodicTask,
        SolarSchedule,
    )

    from steunpunt.core.models import JobFailure
    from tests.factories import ProgrammeOfferFactory, SiteFactory

    ProgrammeOfferFactory(site=SiteFactory(organisation=cast["school"]))
    JobFailure.objects.create(task_name="steunpunt.core.tasks.dispatch_outbox", exception="SMTP")
    interval = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.DAYS)
    PeriodicTask.objects.create(name="Dagelijkse taak", task="x", interval=interval)
    CrontabSchedule.objects.create(minute="0", hour="6")
    SolarSchedule.objects.create(event="sunrise", latitude=51.0, longitude=3.2)
    ClockedSchedule.objects.create(clocked_time=timezone.now())
    from tests.inbox.factories import InfoSessionQuestionFactory

    InfoSessionQuestionFactory()
    from infotools.selftest.services import record_selftest_result

    record_selftest_result(result="past")
    for fragment in fragments():
        if hasattr(fragment, "admin_objects"):
            fragment.admin_objects(cast)


def walk(resolver, namespace="", prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern, ns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield name, prefix + str(pattern.pattern), pattern


ALL_PATTERNS = list(walk(get_resolver()))
ADMIN_PATTERNS = [(n, r, p) for n, r, p in ALL_PATTERNS if r.startswith("admin/")]
OTHER_PATTERNS = [(n, r, p) for n, r, p in ALL_PATTERNS if not r.startswith("admin/")]


def test_every_url_is_declared():
    undeclared = [route for name, route, _ in OTHER_PATTERNS if name not in MATRIX]
    assert not undeclared, f"URL patterns missing from the access matrix: {undeclared}"
    stale = set(MATRIX) - {name for name, _, _ in OTHER_PATTERNS}
    assert not stale, f"The matrix names URLs that no longer exist: {sorted(stale)}"


def outcome(client, url, landed: dict | None = None) -> str:
    """What a person sees at `url` after following redirects.

    With `landed` (one dict per role), a redirect target already followed for this role is
    not requested again: the hundreds of admin pages that send a visitor to the same login
    page (with only `next` differing) cost one request each, and the login page one in all."""
    if landed is None:
        response = client.get(url, follow=True)
        return _seen(url, response.request["PATH_INFO"], response.status_code)
    response = client.get(url)
    if response.status_code not in (301, 302, 303, 307, 308):
        return _seen(url, response.request["PATH_INFO"], response.status_code)
    target = urljoin(url, response["Location"])
    key = _without_next(target)
    if key not in landed:
        final = client.get(target, follow=True)
        landed[key] = (final.request["PATH_INFO"], final.status_code)
    return _seen(url, *landed[key])


def _without_next(url: str) -> str:
    """A URL without its `next` parameter, which only says where to go after logging in."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "next"]
    return urlunsplit(parts._replace(query=urlencode(query), fragment=""))


def _seen(url: str, final_path: str, status: int) -> str:
    login_paths = {reverse("account_login")}
    if final_path in login_paths and url.split("?")[0] not in login_paths:
        return LOGIN
    if status == 200:
        return OK
    return str(status)


def client_for(client, cast, role):
    client.logout()
    if cast[role] is not None:
        client.force_login(cast[role])
    return client


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_access_matrix(client, cast, name):
    rule = MATRIX[name]
    kwargs = rule.kwargs(cast) if rule.kwargs else {}
    url = reverse(name, kwargs=kwargs)
    got = {role: outcome(client_for(client, cast, role), url) for role in ROLES}
    want = {role: rule.expected(role) for role in ROLES}
    assert got == want, f"{name} ({url})"


def admin_url(name, route, pattern, cast):
    """Build a URL for an admin pattern, with a real object where the model has one."""
    from django.apps import apps

    converters = pattern.pattern.converters if hasattr(pattern.pattern, "converters") else {}
    regex = pattern.pattern.regex
    keys = list(converters) or list(regex.groupindex)
    kwargs = {}
    parts = route.removeprefix("admin/").split("/")
    model = None
    if len(parts) > 2 and "<" not in parts[0] and "<" not in parts[1]:
        try:
            model = apps.get_model(parts[0], parts[1])
        except LookupError:
            model = None
    if name == "admin:view_on_site":
        from django.contrib.contenttypes.models import ContentType

        school = cast["school"]
        return reverse(name, args=[ContentType.objects.get_for_model(school).pk, school.pk])
    for key in keys:
        if key == "object_id" or key == "id":
            kwargs[key] = str(model.objects.order_by("pk").first().pk)
        elif key == "app_label":
            kwargs[key] = "core"
        elif key == "history_id":
            kwargs[key] = "999999"
        elif key == "content_type_id":
            kwargs[key] = "1"
        elif key == "url":
            kwargs[key] = "onbestaande-pagina/"
        else:
            kwargs[key] = "1"
    if name == "admin:autocomplete":
        return reverse(name) + "?app_label=core&model_name=site&field_name=organisation&term=a"
    if not keys and regex.groups:  # unnamed groups: simple-history's view of one version
        obj = model.objects.order_by("pk").first()
        return reverse(name, args=[obj.pk, obj.history.order_by("pk").first().pk])
    if name is None:
        return "/" + route.replace("<path:object_id>", kwargs.get("object_id", "1")).replace(
            "(?P<url>.*)$", "onbestaande-pagina/"
        )
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("role", ROLES)
def test_admin_access(client, cast, admin_objects, role):
    """Every admin URL, per role, against the admin rule (one test per role keeps it fast)."""
    client_for(client, cast, role)
    mismatches = []
    landed = {}  # redirect target → where it ended, each followed once for this role
    for name, route, pattern in ADMIN_PATTERNS:
        url = admin_url(name, route, pattern, cast)
        expected = admin_expected(role, name or "", route)
        if name is None and expected == OK:
            expected = OK  # unnamed admin routes redirect into the admin itself
        got = outcome(client, url, landed)
        if got != expected:
            mismatches.append(f"{name or route} {url}: expected {expected}, got {got}")
    assert not mismatches, "\n".join(mismatches)
