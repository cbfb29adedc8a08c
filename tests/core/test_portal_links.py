"""Mijn portaal links each role to its own pages of the feature apps (through their templates)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "present", "absent"),
    [
        ("coordinator", ["pof:staff_request_list", "events:staff_list", "matchmaking:run_list"],
         ["pof:request_list"]),
        ("pof_secretary", ["pof:staff_request_list", "events:staff_list"],
         ["matchmaking:run_list"]),
        ("school_contact", ["pof:request_list", "matchmaking:learner_list"],
         ["pof:staff_request_list", "events:staff_list"]),
        ("company_contact", ["matchmaking:company_workplaces"],
         ["pof:request_list", "events:staff_list", "matchmaking:learner_list"]),
    ],
)  # fmt: skip
def test_each_role_sees_its_own_links(client, request, role, present, absent):
    client.force_login(request.getfixturevalue(role))
    page = client.get(reverse("core:my_portal")).text
    for name in present:
        assert reverse(name) in page, name
    for name in absent:
        assert reverse(name) not in page, name
