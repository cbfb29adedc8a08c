"""The robustness probe: what a page reads, the forms it shows, and hostile values for both.

`probe(client, url, role, ...)` asks a page once as it is (recording which query parameters
the view reads), then again with hostile values in every parameter it read (and in every field
of the filter forms and the admin change list on the page), and posts every form of the page
(<form method="post"> in its HTML, whatever view it posts to) with hostile values in every
field. It returns one line per 5xx answer.

Values rotate deterministically over parameters, rounds and roles (see `value_for`): a query
parameter gets three values per role and all six over two roles, a form field one per role and
all six over the seven roles of a public page, so the matrix stays within its time budget.
ROBUSTNESS_ALL_VALUES=1 gives every parameter and every field all six values for every role.
"""

import contextlib
import os
import traceback
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

import django.core.handlers.wsgi
from django.core.handlers.base import BaseHandler
from django.http import QueryDict
from django.test.utils import ContextList
from django.urls import Resolver404, resolve

HOSTILE_VALUES = (
    "abc",
    "-1",
    "99999999999999999999",  # beyond 64 bits
    "",
    "x" * 5000,
    "a\x00b",  # a NUL byte
)
VALUE_LABELS = ("abc", "-1", "2**66", "(leeg)", "5000×x", "NUL")

ALL_VALUES = os.environ.get("ROBUSTNESS_ALL_VALUES") == "1"
# Query parameters get three values per role (every other one: two roles cover all six; in
# the admin, Django's own code, two), forms one per field per role (a POST renders a page).
GET_ROUNDS = len(HOSTILE_VALUES) if ALL_VALUES else 3
ADMIN_GET_ROUNDS = len(HOSTILE_VALUES) if ALL_VALUES else 2
POST_ROUNDS = len(HOSTILE_VALUES) if ALL_VALUES else 1
# Fields that pick what a POST does (several buttons, one form): kept at the page's own value
# so the hostile values reach the code behind each action instead of its "unknown action".
DISPATCH_FIELDS = {"action", "form", "csrfmiddlewaretoken", "_save", "_continue", "_addanother"}


def value_for(position: int, round_: int, role_index: int) -> int:
    """The index in HOSTILE_VALUES for a field at `position`: neighbouring fields get different
    kinds of value, rounds step by two and roles by one."""
    if ALL_VALUES:
        return (position + round_) % len(HOSTILE_VALUES)
    return (position + role_index + 2 * round_) % len(HOSTILE_VALUES)


def hostile(name: str, index: int) -> str:
    """The hostile value for a field. A formset's management fields never get the huge integer:
    Django then builds its absolute maximum of 2,000 forms (seconds per request, by design)."""
    if name.endswith("_FORMS") and index == 2:
        return "-1"
    return HOSTILE_VALUES[index]


# --- Which query parameters does a view read? -------------------------------------------------

_read_keys: set[str] | None = None
_in_view = False


class RecordingQueryDict(QueryDict):
    """request.GET that notes every key the view (or a form bound to it) asks for. Reads by the
    middleware around the view (the quiz poll's `"v" in request.GET`, on every request) are not
    the page's parameters; the view that serves them reads them too."""

    def _note(self, key):
        if _read_keys is not None and _in_view and isinstance(key, str):
            _read_keys.add(key)

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self._note(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self._note(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self._note(key)
        return super().getlist(key, default)

    def pop(self, key, *args):
        self._note(key)
        return super().pop(key, *args)


@contextlib.contextmanager
def recording_get():
    """Within the block, request.GET of each request records the keys its view reads."""
    global _read_keys
    original_dict = django.core.handlers.wsgi.QueryDict
    original_get_response = BaseHandler._get_response

    def _get_response(handler, request):  # resolving the URL and calling the view
        global _in_view
        _in_view = True
        try:
            return original_get_response(handler, request)
        finally:
            _in_view = False

    django.core.handlers.wsgi.QueryDict = RecordingQueryDict
    BaseHandler._get_response = _get_response
    _read_keys = set()
    try:
        yield _read_keys
    finally:
        django.core.handlers.wsgi.QueryDict = original_dict
        BaseHandler._get_response = original_get_response
        _read_keys = None


# --- Forms and filters in the response context ------------------------------------------------


def context_parameters(response) -> set[str]:
    """Field names of the filtersets and the admin change list in the page's context."""
    from django.forms import BaseForm
    from django_filters.filterset import BaseFilterSet

    names = set()
    contexts = response.context
    if contexts is not None and not isinstance(contexts, ContextList):
        contexts = [contexts]
    for context in contexts or []:
        for value in context.flatten().values():
            if isinstance(value, BaseFilterSet):
                names.update(_form_names(value.form))
            elif isinstance(value, BaseForm) and value.is_bound and _bound_to_get(value, response):
                names.update(_form_names(value))
            elif type(value).__name__ == "ChangeList" and hasattr(value, "filter_specs"):
                names.update({"q", "o", "p"})
                for spec in value.filter_specs:
                    names.update(spec.expected_parameters())
    return names


def _bound_to_get(form, response) -> bool:
    return response.wsgi_request.method == "GET" and form.data is response.wsgi_request.GET


def _form_names(form) -> set[str]:
    names = set()
    for name, field in form.fields.items():
        html_name = form.add_prefix(name)
        subwidgets = getattr(field.widget, "widgets_names", None)
        if subwidgets:
            names.update(html_name + suffix for suffix in subwidgets)
        else:
            names.add(html_name)
    return names


# --- Forms in the HTML ------------------------------------------------------------------------


class FormParser(HTMLParser):
    """Every <form method="post"> of a page: its action and its fields (name, type, value),
    and the submit buttons that carry a name (each is one way to post the form)."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self._form = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                self._form = {"action": attrs.get("action") or "", "fields": [], "buttons": []}
                self.forms.append(self._form)
            return
        if self._form is None or not attrs.get("name"):
            return
        name = attrs["name"]
        kind = (attrs.get("type") or ("submit" if tag == "button" else "text")).lower()
        if tag in ("input", "button") and kind in ("submit", "image"):
            self._form["buttons"].append((name, attrs.get("value") or ""))
        elif tag == "input":
            if kind in ("checkbox", "radio") and any(n == name for n, _, _ in self._form["fields"]):
                return
            self._form["fields"].append((name, kind, attrs.get("value") or ""))
        elif tag == "select":
            self._form["fields"].append((name, "select", ""))
        elif tag == "textarea":
            self._form["fields"].append((name, "textarea", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


# The page chrome's forms (the logout button in every header) are posted by their own page's
# case only; the admin's save buttons differ only in where a valid form goes next.
CHROME_VIEWS = {"account_logout", "admin:logout"}
SAVE_BUTTONS = {"_save", "_continue", "_addanother", "_saveasnew"}


def post_forms(response, page_url, seen: set):
    """(action URL, fields, button) for each way to post each form of the page, deduplicated
    (in `seen`, shared by the pages of one role) by view, field names and button."""
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    parser = FormParser()
    parser.feed(response.content.decode(response.charset or "utf-8", "replace"))
    page_view = resolve(urlsplit(page_url).path).view_name
    result = []
    for form in parser.forms:
        action = urljoin(page_url, form["action"]) if form["action"] else page_url
        parts = urlsplit(action)
        if parts.netloc and parts.netloc not in ("testserver", "localhost"):
            continue
        try:
            view = resolve(parts.path).view_name
        except Resolver404:
            continue
        if view in CHROME_VIEWS and view != page_view:
            continue
        buttons = [b for b in form["buttons"] if b[0] not in SAVE_BUTTONS]
        buttons += [b for b in form["buttons"] if b[0] in SAVE_BUTTONS][:1]
        for button in buttons or [None]:
            key = (view, tuple(sorted(n for n, _, _ in form["fields"])), button)
            if key in seen:
                continue
            seen.add(key)
            result.append(
                (parts.path + (f"?{parts.query}" if parts.query else ""), form["fields"], button)
            )
    return result


# --- The probe --------------------------------------------------------------------------------


def describe(response) -> str:
    """The exception behind a 5xx: its innermost frame in the project's code, its last line."""
    exc_info = getattr(response, "exc_info", None)
    if not exc_info:
        return f"HTTP {response.status_code} zonder exception"
    frames = traceback.extract_tb(exc_info[2])
    ours = [
        f
        for f in frames
        if not any(part in f.filename for part in (".venv", "site-packages", "tests/robustness"))
    ]
    where = ours[-1] if ours else frames[-1]
    root = os.getcwd() + os.sep
    last = traceback.format_exception_only(exc_info[0], exc_info[1])[-1].strip()
    return f"{where.filename.removeprefix(root)}:{where.lineno}: {last[:300]}"


def _label(params: dict) -> str:
    shown = []
    for key, value in params.items():
        if key == "csrfmiddlewaretoken":
            continue
        label = VALUE_LABELS[HOSTILE_VALUES.index(value)] if value in HOSTILE_VALUES else value
        shown.append(f"{key}={label}")
    return "&".join(shown)[:400]


def _deletes_the_acting_user(client, action: str) -> bool:
    user_id = client.session.get("_auth_user_id")
    return bool(user_id) and action.rstrip("/").endswith(f"/accounts/user/{user_id}/delete")


def probe(
    client, url: str, role: str, role_index: int, relogin, seen: set, get_rounds=GET_ROUNDS
) -> list[str]:
    """Ask `url` as the client's user with hostile values; one line per 5xx answer."""
    failures = []

    def check(method, target, params, response):
        if response.status_code >= 500:
            failures.append(
                f"{role} {method} {target} [{_label(params)}] → {response.status_code}: "
                f"{describe(response)}"
            )

    with recording_get() as read:
        plain = client.get(url)
    check("GET", url, {}, plain)
    base, _, own_query = url.partition("?")
    own = dict(QueryDict(own_query).items())
    parameters = sorted((read | context_parameters(plain)) - set(own))
    if parameters:
        for round_ in range(get_rounds):
            params = dict(own)
            for position, name in enumerate(parameters):
                params[name] = hostile(name, value_for(position, round_, role_index))
            check("GET", base, params, client.get(f"{base}?{urlencode(params)}"))

    for action, fields, button in post_forms(plain, url, seen):
        if _deletes_the_acting_user(client, action):
            continue  # the rest of this role's probe needs the user (and the row's history)
        for round_ in range(POST_ROUNDS):
            data = {}
            for position, (name, kind, value) in enumerate(fields):
                if name in DISPATCH_FIELDS or kind == "file":
                    data[name] = value
                else:
                    data[name] = hostile(name, value_for(position, round_, role_index))
            if button:
                data[button[0]] = button[1]
            response = client.post(action, data)
            check("POST", action, data, response)
            if "sessionid" in response.cookies:  # logged out (or a new session): log back in
                relogin()
    return failures
