"""Benchmark of the POF agenda PDF: a session with 25 agenda items and 10 programmatie requests.

    .venv/bin/python -m bench.pof_agenda                      # SQLite, 5 runs
    DATABASE_URL=postgresql://... .venv/bin/python -m bench.pof_agenda --runs 7

Creates a throw-away database (dropped at the end) with the reference bodies, ten submitted
programmatie requests (each with two partner companies) and a POF session whose standard agenda
pulls them in as sub-items, topped up with ordinary items to --items in all, and --invitees
invitations. Then renders the agenda PDF (cover, numbered items with times, invitees, an annex
per request with the registry's figures) --runs times in this process, the way the Celery task
does, and prints the median, the fastest and the slowest run, the page count and the size. One
warm-up render comes first (fonts, templates) and is printed apart as the cold run.
Target: a median under 3 s on the 2-core development machine. No threshold is asserted.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "steunpunt.settings")
os.environ.setdefault("TESTING", "1")  # tasks in-process, mails kept in memory

TARGET_SECONDS = 3.0


def seed(*, items: int = 25, requests: int = 10, invitees: int = 40):
    """A POF session with `items` agenda items of which `requests` are programmatie requests."""
    from network.meetings import services as network_services
    from network.models import Body
    from pof import services
    from tests.factories import CompanyFactory, ProgrammeFactory, SiteFactory
    from tests.network.factories import (
        InvitationFactory,
        MeetingFactory,
        ProgrammatieRequestFactory,
        at,
    )

    for n in range(requests):
        site = SiteFactory()
        request = ProgrammatieRequestFactory(
            provider=site.organisation,
            site=site,
            programme=ProgrammeFactory(name=f"Duale opleiding {n + 1:02d}"),
            school_year="2027-2028",
            expected_learners=8 + n,
            rationale=(
                "Ondernemingen in de regio zoeken vakmensen; VDAB noemt het beroep een "
                "knelpuntberoep en drie bedrijven engageren zich als leerwerkplek. "
            )
            * 3,
        )
        request.partner_companies.set([CompanyFactory(), CompanyFactory()])
        services.submit_request(request=request, actor=None, today=date(2026, 10, 1))
    session = MeetingFactory(
        body=Body.objects.get(slug="pof"), title="POF najaar (benchmark)", starts_at=at(20, 14)
    )
    services.fill_standard_agenda(session=session, actor=None)
    for n in range(max(items - session.agenda_items.count(), 0)):
        network_services.add_agenda_item(
            meeting=session,
            actor=None,
            title=f"Toelichting partner {n + 1}",
            duration_minutes=10,
        )
    for _ in range(invitees):
        InvitationFactory(meeting=session)
    return session


def measure(session, *, runs: int, warmup: int = 0) -> tuple[list[float], bytes, list[float]]:
    """Seconds per run, the last PDF, and the seconds of the unmeasured warm-up runs (the
    first render in a process loads fonts and templates, as a fresh worker would)."""
    from django.utils import timezone, translation

    from pof.agenda_pdf import render_agenda_pdf

    timings, pdf, cold = [], b"", []
    with translation.override("nl-be"), timezone.override("Europe/Brussels"):
        for _ in range(warmup):
            began = time.perf_counter()
            render_agenda_pdf(session, version=0)
            cold.append(time.perf_counter() - began)
        for version in range(1, runs + 1):
            began = time.perf_counter()
            pdf = render_agenda_pdf(session, version=version)
            timings.append(time.perf_counter() - began)
    return timings, pdf, cold


def pages(pdf: bytes) -> int | None:
    """The page count, read with pypdf (a dev dependency: no poppler needed)."""
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    return len(PdfReader(io.BytesIO(pdf)).pages)


def report(session, timings: list[float], pdf: bytes, cold: list[float] = ()) -> list[str]:
    items = session.agenda_items.count()
    requests = session.programmatie_requests.count()
    median = statistics.median(timings)
    return [
        f"session:         {items} agenda items, {requests} programmatie requests, "
        f"{session.invitations.count()} invitees",
        f"runs:            {len(timings)}",
        f"median:          {median:.2f} s  (target < {TARGET_SECONDS:.0f} s: "
        f"{'met' if median < TARGET_SECONDS else 'NOT met'})",
        f"fastest/slowest: {min(timings):.2f} s / {max(timings):.2f} s",
        f"first (cold):    {cold[0]:.2f} s (not in the median)" if cold else "first (cold):    -",
        f"pages:           {pages(pdf) or '?'}",
        f"size:            {len(pdf) / 1024:.0f} KiB",
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=25)
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--invitees", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured runs first")
    args = parser.parse_args(argv)

    import logging

    import django

    django.setup()
    for noisy in ("weasyprint", "fontTools", "celery"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    from django.conf import settings
    from django.db import connections
    from django.test.utils import (
        setup_databases,
        setup_test_environment,
        teardown_databases,
        teardown_test_environment,
    )

    default = settings.DATABASES["default"]
    vendor = "PostgreSQL" if "postgresql" in default["ENGINE"] else "SQLite"
    if vendor == "SQLite":
        (ROOT / "var").mkdir(exist_ok=True)
        default["TEST"]["NAME"] = str(ROOT / "var" / "bench_pof_agenda.sqlite3")
    else:
        default["TEST"]["NAME"] = f"{default['NAME']}_bench_pof_agenda"
    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        session = seed(items=args.items, requests=args.requests, invitees=args.invitees)
        timings, pdf, cold = measure(session, runs=args.runs, warmup=args.warmup)
        for line in report(session, timings, pdf, cold):
            print(line)
        print(f"database:        {vendor}")
    finally:
        connections.close_all()
        teardown_databases(old, verbosity=0)
        teardown_test_environment()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
