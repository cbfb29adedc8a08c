"""Benchmark of the dashboard at Flemish scale: a snapshot of every registered figure, and the
staff page /dashboard/ for the province and for one subregion.

    DATABASE_URL=postgresql://... .venv/bin/python bench/dashboard.py            # 1M + 200k
    DATABASE_URL=postgresql://... .venv/bin/python bench/dashboard.py --keep     # keep the DB
    DATABASE_URL=postgresql://... .venv/bin/python bench/dashboard.py --agreements 100000

PostgreSQL only (the issue's scale does not belong in SQLite). Creates a throw-away database
`<name>_bench_dashboard` (dropped at the end unless --keep; with --keep a second run reuses it
and skips the seeding), seeds the `flanders` demo data (about 600 providers and 21,000
companies with their sites, offer, recognitions, workplaces, learners and agreements), then
adds --learners historical learners and --agreements historical agreements in SQL
(generate_series; each learner has at most one current agreement, the rest ended, spread over
2008–2026 on random company sites, programmes and providers).

Then it prints, as the median of --runs (after one unmeasured warm-up):
- the time to compute a snapshot of a measurement moment (every registered figure, for the
  province, each subregion and each provider type, per programme and study domain);
- the time to render /dashboard/ as a coordinator, for the province and for one subregion,
  compared with the moment before (the page reads the frozen values).
Targets on the 2-core development machine: snapshot under 10 s, page under 300 ms. No
threshold is asserted.
"""

from __future__ import annotations

import argparse
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

SNAPSHOT_TARGET = 10.0
PAGE_TARGET = 0.300
MOMENTS = (("20 april 2023", date(2023, 4, 20)), ("20 april 2025", date(2025, 4, 20)))


def _insert(cursor, model, count: int, given: dict[str, str], params: list) -> None:
    """INSERT `count` rows of `model` from generate_series(1, count) AS g: `given` maps column
    to an SQL expression (may use g and %s params); every other column gets its model default
    or an empty value, and a required column without one is an error here, not in SQL."""
    columns, values = [], []
    for model_field in model._meta.concrete_fields:
        column = model_field.column
        if column == "id":
            continue
        if column in given:
            expression = given[column]
        elif model_field.has_default() and not callable(model_field.default):
            expression = _literal(model_field.default)
        elif model_field.null:
            expression = "NULL"
        elif model_field.get_internal_type() in ("CharField", "TextField", "EmailField"):
            expression = "''"
        else:
            raise ValueError(f"{model.__name__}.{model_field.name} needs a value")
        columns.append(f'"{column}"')
        values.append(expression)
    sql = (
        f'INSERT INTO "{model._meta.db_table}" ({", ".join(columns)}) '
        f"SELECT {', '.join(values)} FROM generate_series(1, {int(count)}) AS g"
    )
    cursor.execute(sql, params)


def _literal(value) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def add_history(*, learners: int, agreements: int) -> None:
    """Historical learners and agreements in SQL, on the seeded organisations and programmes."""
    from django.db import connection, transaction

    from matchmaking.models import Agreement, Learner
    from steunpunt.core.models import Organisation, Postcode, Programme, Site

    providers = list(
        Site.objects.filter(organisation__kind__in=Organisation.PROVIDER_KINDS).values_list(
            "organisation_id", "pk"
        )
    )
    company_sites = list(
        Site.objects.filter(organisation__kind=Organisation.Kind.COMPANY).values_list(
            "pk", flat=True
        )
    )
    postcodes = list(Postcode.objects.filter(subregion__isnull=False).values_list("pk", flat=True))
    programmes = list(Programme.objects.filter(active=True).values_list("pk", flat=True))
    first_learner = (Learner.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    pick = "(%s::bigint[])[1 + floor(random() * {n})::int]"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.2025)")
        _insert(
            cursor,
            Learner,
            learners,
            {
                "uuid": "gen_random_uuid()",
                "first_name": "'Lerende'",
                "last_name": "'Historisch ' || g",
                "birth_date": "DATE '1990-01-01' + (random() * 6000)::int",
                "postcode_id": pick.format(n=len(postcodes)),
                # provider and provider site: the same random index into both arrays
                "provider_id": f"(%s::bigint[])[1 + (g %% {len(providers)})]",
                "provider_site_id": f"(%s::bigint[])[1 + (g %% {len(providers)})]",
                "status": "'ended'",
                "end_reason": "'Opleiding afgerond'",
                # registered 45 days before their first agreement (see the agreements below)
                "created_at": (
                    "TIMESTAMPTZ '2008-08-01' + ((g - 1) %% 6500) * INTERVAL '1 day' "
                    "- INTERVAL '45 days'"
                ),
                "updated_at": "now()",
                "status_changed_at": "now()",
                "ended_on": "DATE '2026-06-30'",
            },
            [postcodes, [p[0] for p in providers], [p[1] for p in providers]],
        )
        # Agreements: spread over the new learners; dates follow the learner's number so that
        # a learner's agreements do not overlap; all ended (the seeded ones stay current).
        _insert(
            cursor,
            Agreement,
            agreements,
            {
                "uuid": "gen_random_uuid()",
                "learner_id": f"{first_learner} + (g %% {learners})",
                "site_id": pick.format(n=len(company_sites)),
                "programme_id": pick.format(n=len(programmes)),
                "type": "CASE WHEN g %% 4 = 0 THEN 'sao' ELSE 'oao' END",
                "hours_per_week": "CASE WHEN g %% 4 = 0 THEN 16 ELSE 28 END",
                "start_date": "DATE '2008-09-01' + (g %% 6500)",
                "end_date": "DATE '2008-09-01' + (g %% 6500) + 120 + (g %% 200)",
                "status": "'ended'",
                "end_reason": "'Einde van het schooljaar'",
                "created_at": "TIMESTAMPTZ '2008-08-01' + (g %% 6500) * INTERVAL '1 day'",
            },
            [company_sites, programmes],
        )
        cursor.execute("ANALYZE")


def seed(*, learners: int, agreements: int) -> None:
    from django.core.management import call_command

    from matchmaking.models import Agreement

    started = time.perf_counter()
    call_command("load_reference_data", verbosity=0)
    call_command("seed_demo", scale="flanders", force=True, verbosity=0)
    seeded = time.perf_counter()
    add_history(learners=learners, agreements=agreements)
    print(
        f"seeding:         flanders {seeded - started:.0f} s, history "
        f"{time.perf_counter() - seeded:.0f} s ({Agreement.objects.count():,} agreements)"
    )


def moments():
    from dashboard import services
    from dashboard.models import MeasurementMoment

    found = []
    for name, day in MOMENTS:
        moment = MeasurementMoment.objects.filter(date=day).first()
        found.append(moment or services.create_moment(name=name, date=day, actor=None))
    return found


def time_snapshots(moment, runs: int) -> tuple[list[float], int]:
    from dashboard import snapshots

    timings, written = [], 0
    for _ in range(runs + 1):
        began = time.perf_counter()
        written = snapshots.compute_snapshot(moment=moment, actor=None)
        timings.append(time.perf_counter() - began)
    return timings[1:], written


def time_page(client, url: str, runs: int) -> tuple[list[float], int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, size, queries = [], 0, 0
    for _ in range(runs + 1):
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - began)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        size, queries = len(response.content), len(captured.captured_queries)
    return timings[1:], size, queries


def coordinator_client():
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.test import Client

    from steunpunt.accounts.roles import Role
    from steunpunt.accounts.services import create_portal_user

    user = create_portal_user(email="bench-coordinator@example.org", role=Role.COORDINATOR)
    if not Authenticator.objects.filter(user=user).exists():
        TOTP.activate(user, generate_totp_secret())  # staff pages need two-factor login
    client = Client()
    client.force_login(user)
    return client


def report_line(label: str, timings: list[float], target: float, unit: str = "s") -> str:
    median = statistics.median(timings)
    shown = f"{median * 1000:.0f} ms" if unit == "ms" else f"{median:.2f} s"
    goal = f"{target * 1000:.0f} ms" if unit == "ms" else f"{target:.0f} s"
    verdict = "met" if median < target else "NOT met"
    return (
        f"{label:<17}{shown}  (target < {goal}: {verdict}; "
        f"fastest {min(timings) * (1000 if unit == 'ms' else 1):.{0 if unit == 'ms' else 2}f}, "
        f"slowest {max(timings) * (1000 if unit == 'ms' else 1):.{0 if unit == 'ms' else 2}f})"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, default=200_000)
    parser.add_argument("--agreements", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5, help="measured runs of each timing")
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the database")
    args = parser.parse_args(argv)

    import logging

    import django

    django.setup()
    logging.getLogger("celery").setLevel(logging.WARNING)
    from django.conf import settings
    from django.db import connections
    from django.test.utils import (
        setup_databases,
        setup_test_environment,
        teardown_databases,
        teardown_test_environment,
    )

    default = settings.DATABASES["default"]
    if "postgresql" not in default["ENGINE"]:
        print("skipped: bench/dashboard.py needs PostgreSQL (DATABASE_URL=postgresql://...)")
        return 0
    settings.ALLOWED_HOSTS = ["*"]
    default["TEST"]["NAME"] = f"{default['NAME']}_bench_dashboard"
    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False, keepdb=args.keep, serialized_aliases=[])
    try:
        from matchmaking.models import Agreement
        from steunpunt.core.models import Subregion

        if Agreement.objects.count() < args.agreements:
            seed(learners=args.learners, agreements=args.agreements)
        else:
            print(f"seeding:         reused ({Agreement.objects.count():,} agreements)")
        before, after = moments()
        if not before.computed_at:
            from dashboard import snapshots

            snapshots.compute_snapshot(moment=before, actor=None)
        snapshot, written = time_snapshots(after, args.runs)
        print(report_line("snapshot:", snapshot, SNAPSHOT_TARGET) + f"; {written:,} values")
        client = coordinator_client()
        subregion = Subregion.objects.order_by("order", "name").first()
        base = f"/dashboard/?moment={after.date:%Y-%m-%d}&compare={before.date:%Y-%m-%d}"
        for label, url in (
            ("page province:", base),
            ("page subregion:", f"{base}&subregion={subregion.slug}"),
        ):
            timings, size, queries = time_page(client, url, args.runs)
            print(
                report_line(label, timings, PAGE_TARGET, unit="ms")
                + f"; {queries} queries, {size / 1024:.0f} KiB"
            )
        print(f"runs:            median of {args.runs} after one warm-up; database PostgreSQL")
    finally:
        connections.close_all()
        if not args.keep:
            teardown_databases(old, verbosity=0)
        teardown_test_environment()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
