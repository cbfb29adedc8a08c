"""The pure scoring module: clear profiles, reasons, domains and referrals (no database)."""

import pytest

from infotools.selftest import scoring as selftest

READY = {
    "interesse": ["techniek", "koken"],
    "leren": "doen",
    "samen": "graag",
    "werkplek": "ja",
    "op-tijd": "ja",
    "opdrachten": "goed",
    "verplaatsen": "ja",
    "volhouden": "volhouden",
    "opmerkingen": "leren",
    "leeftijd": "15-17",
    "school": "secundair",
}


def answers(**changes):
    data = dict(READY)
    data.update({key.replace("_", "-"): value for key, value in changes.items()})
    return data


def codes(reasons):
    return [reason.code for reason in reasons]


def test_a_ready_and_willing_learner_fits():
    profile = selftest.score(READY)
    assert profile.result == selftest.FITS
    assert profile.points == selftest.MAX_POINTS
    assert str(profile.title) == "Duaal leren past bij jou"
    assert "leert-door-doen" in codes(profile.strengths)
    assert str(profile.strengths[0].text) == "Je leert graag door te doen."
    assert profile.concerns == []
    assert profile.alternatives == ()  # no referral needed
    assert profile.contacts == ("trajectbegeleider", "clb", "steunpunt")


def test_interests_map_to_study_domains_in_order_without_duplicates():
    profile = selftest.score(answers(interesse=["koken", "bouwen", "techniek", "weet-niet"]))
    # In the order of the options: bouwen and techniek both mean STEM, koken horeca.
    assert profile.domain_codes == (2, 8)
    assert [str(name) for _code, name in profile.domains] == ["STEM", "Voeding en horeca"]


def test_only_dont_know_gives_no_domains_but_still_a_profile():
    profile = selftest.score(answers(interesse=["weet-niet"]))
    assert profile.domain_codes == ()
    assert profile.result == selftest.FITS


def test_one_thing_still_hard_might_fit_and_says_why():
    profile = selftest.score(answers(op_tijd="moeilijk"))
    assert profile.result == selftest.MAYBE
    assert str(profile.title) == "Duaal leren past misschien bij jou"
    assert codes(profile.concerns) == ["moeilijk-op-tijd"]
    assert str(profile.concerns[0].text) == "Je vindt het nog moeilijk om op tijd te komen."
    # The concerns come first: that is what the learner can work on.
    assert profile.reasons[0].code == "moeilijk-op-tijd"
    assert "aanloopfase" in profile.alternatives
    assert "werk-aan" in profile.next_steps


def test_doubting_about_the_workplace_might_fit():
    profile = selftest.score(answers(werkplek="twijfel"))
    assert profile.result == selftest.MAYBE
    assert "twijfelt-over-bedrijf" in codes(profile.concerns)


def test_preferring_books_is_not_a_fit_yet_and_points_to_a_school_programme():
    profile = selftest.score(answers(leren="boeken"))
    assert profile.result == selftest.MAYBE
    assert "leert-uit-boeken" in codes(profile.concerns)
    assert "voltijds" in profile.alternatives


def test_too_young_is_at_most_maybe():
    profile = selftest.score(answers(leeftijd="jonger-15"))
    assert profile.result == selftest.MAYBE
    assert "nog-jong" in codes(profile.concerns)


def test_not_wanting_a_workplace_is_not_now_with_a_referral():
    profile = selftest.score(answers(werkplek="nee"))
    assert profile.result == selftest.NOT_NOW
    assert str(profile.title) == "Duaal leren is nu waarschijnlijk nog niet voor jou"
    assert "wil-niet-in-bedrijf" in codes(profile.concerns)
    # Referral, not a dead end: a school programme, the CLB, the Steunpunt, later again.
    assert profile.alternatives == ("voltijds", "clb", "steunpunt", "later")
    assert "vraag-steunpunt" in profile.next_steps


def test_two_readiness_answers_still_hard_is_not_now():
    profile = selftest.score(answers(op_tijd="moeilijk", opdrachten="moeilijk"))
    assert profile.result == selftest.NOT_NOW
    assert codes(profile.concerns)[:2] == ["moeilijk-op-tijd", "moeilijk-opdrachten"]
    assert "aanloopfase" in profile.alternatives


def test_many_middle_answers_might_fit():
    profile = selftest.score(
        answers(
            leren="mix",
            samen="soms",
            op_tijd="meestal",
            opdrachten="meestal",
            verplaatsen="dichtbij",
            volhouden="soms",
            opmerkingen="soms",
        )
    )
    assert profile.points == 9
    assert profile.result == selftest.MAYBE


def test_low_total_is_not_now():
    profile = selftest.score(
        answers(
            leren="boeken",
            samen="liever-niet",
            werkplek="twijfel",
            op_tijd="meestal",
            opdrachten="meestal",
            verplaatsen="moeilijk",
            volhouden="soms",
            opmerkingen="soms",
        )
    )
    assert profile.points < selftest.NOT_NOW_BELOW
    assert profile.result == selftest.NOT_NOW


def test_adults_are_referred_to_adult_learning_and_vdab():
    profile = selftest.score(answers(school="niet-op-school", leeftijd="18-24", werkplek="nee"))
    assert profile.result == selftest.NOT_NOW
    assert profile.alternatives[0] == "volwassenen"
    assert "clb" not in profile.alternatives
    assert profile.contacts == ("steunpunt", "vdab")
    assert profile.next_steps[0] == "volwassen-opleiding"


def test_buso_learners_are_marked_for_buso_programmes():
    assert selftest.score(answers(school="buso")).buso is True
    assert selftest.score(READY).buso is False


@pytest.mark.parametrize(
    "broken",
    [
        {"leren": "vliegen"},
        {"interesse": []},
        {"interesse": ["techniek", "<script>"]},
        {"werkplek": None},
    ],
)
def test_answers_outside_the_options_are_refused(broken):
    with pytest.raises(selftest.InvalidAnswers):
        selftest.score({**READY, **broken})


def test_every_text_code_has_a_text():
    for code in selftest.REASONS_BY_ANSWER.values():
        assert code in selftest.REASON_TEXTS
    profile_codes = set()
    for school in ("secundair", "niet-op-school"):
        for wants in ("ja", "twijfel", "nee"):
            profile = selftest.score(answers(school=school, werkplek=wants, leren="boeken"))
            profile_codes.update(profile.next_steps)
            assert all(str(item.text) for item in profile.alternative_items)
            assert all(str(item.title) for item in profile.contact_items)
    assert profile_codes <= set(selftest.NEXT_STEP_TEXTS)


def test_every_question_is_scored_or_informative():
    keys = [question.key for question in selftest.QUESTIONS]
    assert len(keys) == 11  # plus the postcode question handled by the form: 12
    assert set(selftest.POINTS) <= set(keys)
