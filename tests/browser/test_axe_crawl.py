"""Crawl every page reachable by links and check it with axe-core (WCAG 2.1 AA).

Per page: no axe violations for the WCAG 2.0/2.1 A and AA rules, no horizontal scrolling at a
320 px wide viewport (WCAG 1.4.10 reflow), no Content Security Policy violations or uncaught
script errors in the console, and no broken links (HTTP status >= 400).
The crawl runs as a visitor, as a school contact and as a coordinator, one after the other in
one test (one live database and its fixtures instead of three). A page that an earlier crawl
already checked is not checked again when its main content is the same for the later role (the
public pages look the same to everyone but for the header, which every page only that role
sees is checked with): the later crawl fetches it without rendering, for its status and its
links only. A page whose content differs for the role is checked in full again.

Pages of the same kind share a template, so the crawl checks a few samples of each kind (same
URL pattern and the same query parameter names) instead of, say, all 163 programme pages: every
kind of page is covered, and the crawl stays fast as the catalogue grows.
"""

import hashlib
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urlencode, urljoin, urlsplit, urlunsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import Resolver404, resolve, reverse
from playwright.sync_api import Error as PlaywrightError

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

MAX_PAGES = 200
SAMPLES_PER_KIND = 5
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
SKIP_PREFIXES = ("/admin/", "/account/logout/", "/media/", "/static/")
SKIP_SUFFIXES = (
    ".pdf",
    ".csv",
    ".xlsx",
    ".xls",
    ".ics",
    ".zip",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".svg",
    ".webp",
    ".xml",
    ".txt",
    ".json",
    ".vcf",
)
# Query parameters that only say where to go next: the page is the same with or without them.
IGNORED_QUERY_PARAMS = {"next"}
DESKTOP = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 800}
CRAWLERS = ("anonymous", "school_contact", "coordinator")
# What differs between two requests of the same page: the CSRF token and the CSP nonce.
PER_REQUEST = re.compile(r'(nonce|value|content)="[^"]*"|csrfmiddlewaretoken[^>]*>')
MAIN = re.compile(r"<main\b.*?</main>", re.DOTALL | re.IGNORECASE)


def main_fingerprint(html: str) -> str:
    """The page's main content, without what changes per request: pages with the same
    fingerprint look the same to whoever asks, but for the header and the footer."""
    match = MAIN.search(html)
    body = PER_REQUEST.sub("", match.group(0) if match else html)
    return hashlib.sha256(body.encode()).hexdigest()


class _Links(HTMLParser):
    """The hrefs of <a href> without a download attribute (the crawl's selector), absolute."""

    def __init__(self, base: str):
        super().__init__()
        self.base, self.hrefs = base, []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href") is not None and "download" not in attributes:
            self.hrefs.append(urljoin(self.base, attributes["href"]))


def normalise(url: str, origin: str) -> str | None:
    """The crawlable form of `url`, or None when it is off-site or not a page to check."""
    url, _fragment = urldefrag(url)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or f"{parts.scheme}://{parts.netloc}" != origin:
        return None
    path = parts.path or "/"
    if path.startswith(SKIP_PREFIXES) or path.lower().endswith(SKIP_SUFFIXES):
        return None
    query = urlencode(
        sorted(
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if k not in IGNORED_QUERY_PARAMS
        )
    )
    return urlunsplit((parts.scheme, parts.netloc, path, query, ""))


def kind_of(url: str) -> str:
    """The URL pattern and the names of the query parameters: pages of one kind share a key."""
    parts = urlsplit(url)
    try:
        route = resolve(parts.path).route
    except Resolver404:
        route = parts.path
    names = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return f"{route}?{'&'.join(names)}"


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def describe_violations(violations: list[dict]) -> list[str]:
    lines = []
    for violation in violations:
        targets = [
            " ".join(str(t) for t in node.get("target", [])) for node in violation.get("nodes", [])
        ]
        shown = "; ".join(targets[:5]) + (f" (+{len(targets) - 5})" if len(targets) > 5 else "")
        lines.append(
            f"axe {violation['id']} [{violation.get('impact')}]: {violation.get('help')} -> {shown}"
        )
    return lines


def crawl(
    page, base_url: str, checked_before: dict[str, str] | None = None
) -> tuple[list[str], dict[str, list[str]]]:
    """Breadth-first crawl from the home page. Returns (visited pages, problems per page).

    `checked_before` maps each page that a crawl checked in full to its main fingerprint; the
    pages this crawl checks in full are added. A page already there with the same fingerprint
    is only fetched (status, links), not rendered and checked again."""
    checked_before = {} if checked_before is None else checked_before
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    axe = Axe()
    console: list[str] = []

    def on_console(message):
        if message.type == "error":
            console.append(f"console: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: console.append(f"scriptfout: {error}"))
    page.set_viewport_size(DESKTOP)

    start = normalise(base_url + "/", origin)
    queue = deque([(start, "(start)")])
    seen = {start}
    per_kind: dict[str, int] = {kind_of(start): 1}
    checked: list[str] = []
    done_final: set[str] = set()
    problems: dict[str, list[str]] = {}

    def follow(hrefs: list[str], found_on: str) -> None:
        for href in hrefs:
            target = normalise(href, origin)
            if not target or target in seen:
                continue
            seen.add(target)
            kind = kind_of(target)
            if per_kind.get(kind, 0) >= SAMPLES_PER_KIND:
                continue
            per_kind[kind] = per_kind.get(kind, 0) + 1
            queue.append((target, found_on))

    while queue and len(checked) < MAX_PAGES:
        url, found_on = queue.popleft()
        console.clear()
        if url in checked_before:
            answer = page.request.get(url)
            final = normalise(answer.url, origin) or answer.url
            html = answer.text() if "text/html" in answer.headers.get("content-type", "") else ""
            if (
                answer.status < 400
                and final not in done_final
                and checked_before.get(final) == main_fingerprint(html)
            ):
                done_final.add(final)
                seen.add(final)
                checked.append(final)
                links = _Links(answer.url)
                links.feed(html)
                follow(links.hrefs, final)
                continue
        try:
            response = page.goto(url, wait_until="load")
        except PlaywrightError as exc:
            if "Download is starting" in str(exc):
                continue  # an attachment (export, PDF) behind an ordinary-looking link
            problems.setdefault(path_of(url), []).append(f"laden mislukt: {exc}")
            continue
        if response is None:
            continue
        if response.status >= 400:
            problems.setdefault(path_of(url), []).append(
                f"HTTP {response.status} (link gevonden op {path_of(found_on)})"
            )
            continue
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        final = normalise(page.url, origin) or page.url
        if final in done_final:
            continue  # a redirect to a page already checked (e.g. the login page)
        done_final.add(final)
        seen.add(final)
        checked.append(final)
        issues = problems.setdefault(path_of(final), [])
        checked_before[final] = main_fingerprint(response.text())

        results = axe.run(page, options=AXE_OPTIONS)
        issues.extend(describe_violations(results.response.get("violations", [])))

        page.set_viewport_size(NARROW)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > NARROW["width"]:
            issues.append(f"horizontaal scrollen bij 320 px: scrollWidth is {scroll_width} px")
        page.set_viewport_size(DESKTOP)

        for line in console:
            if "Content Security Policy" in line or line.startswith("scriptfout:"):
                issues.append(line)

        follow(
            page.eval_on_selector_all(
                "a[href]:not([download])", "links => links.map(link => link.href)"
            ),
            final,
        )

    return checked, {path: lines for path, lines in problems.items() if lines}


def format_problems(problems: dict[str, list[str]]) -> str:
    blocks = []
    for path, lines in sorted(problems.items()):
        blocks.append(f"{path}\n" + "\n".join(f"    - {line}" for line in lines))
    return "\n".join(blocks)


@pytest.fixture
def final_figures(reference_data):
    """Two final measurement moments with figures per subregion, provider type and study domain
    (small counts among them), so the crawl checks /cijfers/ with its tables and the link to the
    older moment."""
    from datetime import date
    from decimal import Decimal

    from dashboard import services
    from dashboard.models import FigureValue
    from steunpunt.core.models import Subregion

    total = FigureValue.Dimension.TOTAL
    subregions = list(Subregion.objects.order_by("name")[:3])
    for name, day, factor in (
        ("20 april 2023", date(2023, 4, 20), 1),
        ("20 april 2025", date(2025, 4, 20), 2),
    ):
        moment = services.create_moment(name=name, date=day, actor=None)
        rows = [
            ("matchmaking.learners_in_dual", "", "", "", "", total, "", "", 400 * factor),
            (
                "matchmaking.learners_in_dual",
                "",
                "",
                "school",
                "Voltijds secundair",
                total,
                "",
                "",
                300 * factor,
            ),
            ("matchmaking.learners_in_dual", "", "", "syntra", "Syntra", total, "", "", 3),
            ("matchmaking.learners_in_dual", "", "", "", "", "study_domain", "bouw", "Bouw", 2),
            ("core.providers_with_offer", "", "", "", "", total, "", "", 40 + factor),
        ]
        for n, subregion in enumerate(subregions):
            rows.append(
                (
                    "matchmaking.learners_in_dual",
                    subregion.slug,
                    subregion.name,
                    "",
                    "",
                    total,
                    "",
                    "",
                    n * 60 * factor + 1,
                )
            )
        for figure, slug, slug_label, kind, kind_label, dimension, key, key_label, value in rows:
            FigureValue.objects.create(
                moment=moment,
                figure=figure,
                label="Lerenden in duaal leren",
                subregion=slug,
                subregion_label=slug_label,
                provider_type=kind,
                provider_type_label=kind_label,
                dimension=dimension,
                key=key,
                key_label=key_label,
                value=Decimal(value),
                source=FigureValue.Source.COMPUTED,
            )
        services.finalise(moment=moment, actor=None)


def test_every_reachable_page_is_accessible(
    request, new_context, site, settings, public_workplaces, public_event, final_figures
):
    checked_before: dict[str, str] = {}  # page → main fingerprint, over the three crawls
    failures = []
    for who in CRAWLERS:
        page = new_context().new_page()
        if who != "anonymous":
            # Staff would otherwise be sent to TOTP enrolment on every page.
            settings.MFA_REQUIRED_FOR_STAFF = False
            log_in(page.context, request.getfixturevalue(who), site)
        failures += crawl_as(who, page, site, public_workplaces, public_event, checked_before)
        page.context.close()
    assert not failures, "\n\n".join(failures)


def crawl_as(who, page, site, public_workplaces, public_event, checked_before) -> list[str]:
    """One role's crawl; its problems and the expected pages it did not reach, as messages."""
    before = dict(checked_before)
    checked, problems = crawl(page, site, checked_before)
    full = sum(before.get(url) != fingerprint for url, fingerprint in checked_before.items())
    print(
        f"Gecontroleerd als {who}: {len(checked)} pagina's ({full} volledig, de rest al eerder)",
        *map(path_of, checked),
        sep="\n  ",
    )

    paths = {urlsplit(url).path for url in checked}
    failures = []
    if problems:
        failures.append(
            f"{len(problems)} van {len(checked)} pagina's hebben problemen ({who}):\n"
            + format_problems(problems)
        )
    expected = {
        reverse("core:home"),
        reverse("core:privacy"),
        reverse("core:accessibility"),
        reverse("core:programme_list"),
        reverse("inbox:contact"),
        reverse("events:list"),
        reverse("events:detail", args=[public_event.slug]),
        reverse("content:faq"),
        reverse("content:glossary"),
        reverse("campaigns:campaign_list"),
        reverse("campaigns:campaign_detail", args=["steek-een-poot-uit"]),
        reverse("campaigns:feedback", args=["steek-een-poot-uit"]),
        reverse("workplaces:list"),
        reverse("workplaces:detail", kwargs={"uuid": public_workplaces[0].uuid}),
        reverse("workplaces:become_workplace"),
        reverse("figures:index"),
    }
    if who == "anonymous":
        expected.add(reverse("account_login"))
    if who == "coordinator":
        # The staff dashboard with its charts, tables and filters, and the moments.
        expected |= {reverse("dashboard:overview"), reverse("dashboard:moments")}
    missing = expected - paths
    if missing:
        failures.append(
            f"De crawl ({who}) vond {sorted(missing)} niet; wel gevonden: {sorted(paths)}"
        )
    return failures


def test_axe_and_the_reflow_check_do_find_problems(page, chromium_path):
    """The checks above are only worth something if they can fail."""
    page.set_viewport_size(NARROW)
    page.set_content(
        '<html><body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<div style="width: 600px">breed</div></main></body></html>'
    )
    results = Axe().run(page, options=AXE_OPTIONS)
    rule_ids = {violation["id"] for violation in results.response["violations"]}
    assert {"image-alt", "html-has-lang"} <= rule_ids
    assert any("img" in line for line in describe_violations(results.response["violations"]))
    assert page.evaluate("document.documentElement.scrollWidth") > NARROW["width"]


def test_a_csp_violation_shows_up_in_the_console(page, chromium_path):
    """The crawl recognises CSP violations by this text in Chromium's console errors."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.set_content(
        '<html><head><meta http-equiv="Content-Security-Policy" content="script-src \'none\'">'
        "</head><body><script>document.title = 'x'</script></body></html>"
    )
    page.wait_for_timeout(200)
    assert any("Content Security Policy" in text for text in errors), errors
