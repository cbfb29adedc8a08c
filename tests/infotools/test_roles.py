"""The role groups keep the permissions on the quiz and the self-test that they had in campaigns."""

import pytest
from django.contrib.auth.models import Group, Permission

from steunpunt.accounts.roles import Role, ensure_role_groups

pytestmark = pytest.mark.django_db

MODELS = {
    "quiz",
    "quizquestion",
    "quizanswer",
    "quizanswertally",
    "quizplaytally",
    "quizsession",
    "quizplayer",
    "quizresponse",
    "selftesttally",
}


def test_coordinators_keep_every_permission_on_the_information_tools():
    ensure_role_groups()  # what every `migrate` runs again (post_migrate)
    coordinators = Group.objects.get(name=Role.COORDINATOR.group_name)
    held = coordinators.permissions.filter(content_type__app_label="infotools")
    everything = Permission.objects.filter(content_type__app_label="infotools")
    assert set(held) == set(everything)
    assert {(p.content_type.model, p.codename) for p in held} >= {
        ("quiz", "change_quiz"),
        ("quizquestion", "add_quizquestion"),
        ("selftesttally", "view_selftesttally"),
    }
    assert {p.content_type.model for p in held} == MODELS
    # Nothing of the quiz or the self-test is left under the old label.
    assert not Permission.objects.filter(
        content_type__app_label="campaigns", content_type__model__in=MODELS
    ).exists()


def test_no_other_role_gets_the_information_tools():
    ensure_role_groups()
    others = Group.objects.exclude(name=Role.COORDINATOR.group_name)
    assert not Permission.objects.filter(
        group__in=others, content_type__app_label="infotools"
    ).exists()
