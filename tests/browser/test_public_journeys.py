"""A newcomer reads what dual learning is and finds a programme near home, in a real browser."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect


@pytest.fixture
def demo_site(site):
    call_command("seed_demo", "--scale", "small", "--force", verbosity=0)
    return site


def distances(texts):
    found = []
    for text in texts:
        match = re.search(r"(\d+(?:,\d+)?) km", text)
        if match:
            found.append(float(match.group(1).replace(",", ".")))
    return found


def test_read_about_dual_learning_and_find_electrical_installations_near_kortrijk(page, demo_site):
    page.goto(demo_site + "/")
    page.get_by_role("navigation").get_by_role("link", name="Leerlingen & ouders").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text("duaal leren")

    page.get_by_role("navigation").get_by_role("link", name="Opleidingen").click()
    page.get_by_label("Zoek op naam").fill("elektrische installaties")
    page.get_by_label("In de buurt van postcode").fill("8500")
    page.get_by_label("Binnen (km)").fill("15")
    page.get_by_role("button", name="Toon opleidingen").click()

    results = page.locator("#resultaten")
    first = results.locator("li.card").first
    expect(first).to_contain_text("Elektrische installaties duaal")
    expect(first).to_contain_text("km")
    # The filters are in the address, so the search can be shared.
    assert "postcode=8500" in page.url and "km=15" in page.url

    first.get_by_role("link", name="Elektrische installaties duaal").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Elektrische installaties")
    # The distance badge of each place (the workplace count above the list names a radius too).
    rows = page.locator("main li.card .badge").all_inner_texts()
    km = distances(rows)
    assert km, "the programme page shows distances from 8500"
    assert km == sorted(km), f"places are sorted by distance: {km}"
    assert km[0] <= 15
