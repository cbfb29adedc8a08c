"""bench/pof_agenda.py at a tiny size: the session it builds and the figures it prints."""

import pytest

from bench import pof_agenda

pytestmark = pytest.mark.django_db


def test_the_benchmark_builds_the_session_and_prints_its_figures():
    session = pof_agenda.seed(items=12, requests=2, invitees=3)
    assert session.agenda_items.count() == 12
    assert session.programmatie_requests.count() == 2
    timings, pdf, cold = pof_agenda.measure(session, runs=1, warmup=1)
    assert pdf.startswith(b"%PDF-") and len(timings) == 1 and len(cold) == 1
    lines = pof_agenda.report(session, timings, pdf, cold)
    assert lines[0].startswith("session:         12 agenda items, 2 programmatie requests")
    assert any(line.startswith("median:") and "target < 3 s" in line for line in lines)
    # The page count is read from the PDF itself (pypdf), not left as "?" without poppler.
    assert any(line.startswith("pages:") and line.split()[1].isdigit() for line in lines)
