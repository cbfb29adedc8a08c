"""Benchmark of school orders: many schools ordering the same scarce materials at once.

    DATABASE_URL=postgresql://... .venv/bin/python bench/orders.py      # the real case
    .venv/bin/python bench/orders.py                                    # SQLite (one writer)

Creates a throw-away database (`<name>_bench_orders`, dropped at the end), 300 schools with a
site each and one active campaign with six physical materials whose total stock is smaller than
what the schools want. Then --threads workers (8 by default; each its own connection) place
orders for random schools through campaigns.orders.services.place_order, all at the same time,
until every school has tried three times. Every order locks its material rows, so this measures
the cost of the lock queue.

Prints orders/s, latency p50/p95/p99, how many were refused and why (maximum, stock), checks
that no stock went below zero and that stock + reserved = the starting stock, and times the
documents coordinators print after such a rush: the picking list of the day (PDF, all approved
orders) and the XLSX export of all order lines. No threshold: the figures go into the README.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "steunpunt.settings")
os.environ.setdefault("TESTING", "1")  # tasks in-process, mails kept in memory


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--schools", type=int, default=300)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--attempts", type=int, default=3, help="orders tried per school")
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()

    import logging

    import django

    django.setup()
    for noisy in ("weasyprint", "fontTools", "celery"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    from django.conf import settings
    from django.test.utils import (
        setup_databases,
        setup_test_environment,
        teardown_databases,
        teardown_test_environment,
    )

    default = settings.DATABASES["default"]
    vendor = "PostgreSQL" if "postgresql" in default["ENGINE"] else "SQLite"
    if vendor == "SQLite":
        default["TEST"]["NAME"] = str(ROOT / "var" / "bench_orders.sqlite3")
        (ROOT / "var").mkdir(exist_ok=True)
    else:
        default["TEST"]["NAME"] = f"{default['NAME']}_bench_orders"
    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        return run(args, vendor)
    finally:
        from django.db import connections

        connections.close_all()
        teardown_databases(old, verbosity=0)
        teardown_test_environment()


def run(args, vendor) -> int:
    from django.core.exceptions import ValidationError
    from django.db import connections
    from django.db.models import Sum

    from campaigns.models import Material, Order, OrderLine
    from campaigns.orders.export import xlsx_bytes as export_xlsx
    from campaigns.orders.pdf import render_picking_list_pdf
    from campaigns.orders.selectors import picking_list, staff_orders
    from campaigns.orders.services import approve_order, place_order
    from tests.campaigns.factories import CampaignFactory, PhysicalMaterialFactory
    from tests.factories import SchoolFactory, SiteFactory, UserFactory

    rng = random.Random(args.seed)
    campaign = CampaignFactory(name="Steek een poot uit", slug="steek-een-poot-uit")
    catalogue = [
        ("DIY-infopunt", "info_point", 60, 1),
        ("Affiche A2", "poster", 900, 5),
        ("Wobbler", "wobbler", 500, 3),
        ("Vloersticker", "floor_sign", 400, 2),
        ("Stoel", "chair", 120, 1),
        ("Roll-upbanner", "roll_up", 80, 1),
    ]
    materials = [
        PhysicalMaterialFactory(
            campaign=campaign, name=name, category=category, stock=stock, max_per_school=maximum
        )
        for name, category, stock, maximum in catalogue
    ]
    start_stock = {m.pk: m.stock for m in materials}
    schools = []
    for n in range(args.schools):
        school = SchoolFactory(name=f"School {n:03d}")
        SiteFactory(organisation=school)
        schools.append(school)
    sites = {s.pk: s.sites.first() for s in schools}
    coordinator = UserFactory(email="coordinator@bench.test")

    jobs = [school for school in schools for _ in range(args.attempts)]
    rng.shuffle(jobs)
    wishes = [
        {m.pk: rng.randint(0, (m.max_per_school or 1) + 1) for m in rng.sample(materials, 3)}
        for _ in jobs
    ]
    lock = threading.Lock()
    latencies, outcomes = [], Counter()
    barrier = threading.Barrier(args.threads)
    position = iter(range(len(jobs)))

    def worker():
        barrier.wait()
        try:
            while True:
                with lock:
                    i = next(position, None)
                if i is None:
                    return
                school, wanted = jobs[i], wishes[i]
                if not any(wanted.values()):
                    wanted = {materials[1].pk: 1}
                began = time.perf_counter()
                try:
                    place_order(
                        campaign=campaign, school=school, site=sites[school.pk], quantities=wanted
                    )
                    outcome = "placed"
                except ValidationError as exc:
                    text = " ".join(exc.messages)
                    outcome = (
                        "refused: per-school maximum"
                        if "hoogstens" in text
                        else "refused: stock"
                        if "voorraad" in text or "uitverkocht" in text
                        else f"refused: {text}"
                    )
                elapsed = time.perf_counter() - began
                with lock:
                    latencies.append(elapsed)
                    outcomes[outcome] += 1
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(args.threads)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began

    quantiles = statistics.quantiles(latencies, n=100)
    print(f"database: {vendor}, {args.threads} threads, {args.schools} schools")
    print(
        f"{len(latencies)} order attempts in {wall:.2f} s: {len(latencies) / wall:.0f} attempts/s"
    )
    print(
        f"latency p50 {quantiles[49] * 1000:.1f} ms, p95 {quantiles[94] * 1000:.1f} ms, "
        f"p99 {quantiles[98] * 1000:.1f} ms"
    )
    for outcome, count in sorted(outcomes.items()):
        print(f"  {outcome}: {count}")

    problems = []
    for material in Material.objects.filter(campaign=campaign):
        reserved = (
            OrderLine.objects.filter(material=material).aggregate(n=Sum("quantity"))["n"] or 0
        )
        if material.stock < 0 or material.stock + reserved != start_stock[material.pk]:
            problems.append(f"{material.name}: stock {material.stock}, reserved {reserved}")
        print(
            f"  {material.name}: {reserved} of {start_stock[material.pk]} reserved, "
            f"{material.stock} left"
        )
    over_max = (
        OrderLine.objects.values("order__school", "material")
        .annotate(n=Sum("quantity"))
        .values_list("material__max_per_school", "n")
    )
    problems += [f"a school holds {n} > {cap}" for cap, n in over_max if cap and n > cap]
    print(
        "stock check:",
        "OK (never oversold, no school above its maximum)" if not problems else problems,
    )

    orders = list(Order.objects.order_by("pk"))
    for order in orders:
        approve_order(order=order, actor=coordinator)
    from django.utils import timezone

    began = time.perf_counter()
    day_orders, totals = picking_list(timezone.localdate())
    pdf = render_picking_list_pdf(timezone.localdate(), day_orders, totals)
    print(
        f"picking list of {len(day_orders)} orders: {time.perf_counter() - began:.2f} s, "
        f"{len(pdf) / 1024:.0f} KiB"
    )
    began = time.perf_counter()
    xlsx = export_xlsx(staff_orders().order_by("pk"))
    lines = OrderLine.objects.count()
    print(
        f"XLSX export of {lines} lines: {time.perf_counter() - began:.2f} s, "
        f"{len(xlsx) / 1024:.0f} KiB"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
