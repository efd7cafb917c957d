"""Property tests of the reference scoring (coursekit.scoring.score) for every item type.

A response is what the front end sends: an index (single choice), a list of indices (multiple select),
a bool (true/false), a number or typed text (numeric), a permutation (ordering), a right-hand index per
left-hand entry (matching) or text (short text). Whatever arrives, the score is a float in [0, 1] and
scoring never raises.
"""
from __future__ import annotations

import math
import unicodedata

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from coursekit.questions.matching import Matching
from coursekit.questions.multiple_select import MultipleSelect
from coursekit.questions.numeric import Numeric
from coursekit.questions.ordering import Ordering
from coursekit.questions.short_text import ShortText
from coursekit.questions.single_choice import SingleChoice
from coursekit.questions.true_false import TrueFalse
from coursekit.scoring import score

FAST = settings(deadline=None, max_examples=80)

COMMON = {"id": "item", "prompt": "Answer the question."}


def single_choice(n: int, right: int) -> SingleChoice:
    return SingleChoice.model_validate({
        **COMMON, "type": "single_choice",
        "choices": [{"text": f"Choice {i}", "correct": i == right} for i in range(n)],
    })


def multiple_select(flags: list[bool], scoring: str = "partial") -> MultipleSelect:
    return MultipleSelect.model_validate({
        **COMMON, "type": "multiple_select", "scoring": scoring,
        "choices": [{"text": f"Choice {i}", "correct": flag} for i, flag in enumerate(flags)],
    })


def numeric(answer: float, tolerance: float = 0) -> Numeric:
    return Numeric.model_validate({**COMMON, "type": "numeric", "answer": answer, "tolerance": tolerance})


def ordering(n: int) -> Ordering:
    return Ordering.model_validate({**COMMON, "type": "ordering", "order": [f"Event {i}" for i in range(n)]})


def matching(n: int) -> Matching:
    return Matching.model_validate({
        **COMMON, "type": "matching", "pairs": [{"left": f"Body {i}", "right": f"City {i}"} for i in range(n)],
    })


def short_text(accepted: list[str]) -> ShortText:
    return ShortText.model_validate({**COMMON, "type": "short_text", "accepted": accepted})


def true_false(answer: bool) -> TrueFalse:
    return TrueFalse.model_validate({**COMMON, "type": "true_false", "answer": answer})


choice_flags = st.lists(st.booleans(), min_size=2, max_size=8).filter(any)


@st.composite
def any_item(draw):
    kind = draw(st.sampled_from(["single_choice", "multiple_select", "true_false", "numeric", "ordering",
                                 "matching", "short_text"]))
    if kind == "single_choice":
        n = draw(st.integers(2, 8))
        return single_choice(n, draw(st.integers(0, n - 1)))
    if kind == "multiple_select":
        return multiple_select(draw(choice_flags), draw(st.sampled_from(["partial", "all_or_nothing"])))
    if kind == "true_false":
        return true_false(draw(st.booleans()))
    if kind == "numeric":
        return numeric(draw(st.integers(-3000, 3000)), draw(st.sampled_from([0, 0.5, 1, 10])))
    if kind == "ordering":
        return ordering(draw(st.integers(3, 7)))
    if kind == "matching":
        return matching(draw(st.integers(2, 7)))
    return short_text(draw(st.lists(st.sampled_from(["OIC", "Makkah al-Mukarramah", "al-Aqṣā", "IAEA"]),
                                    min_size=1, max_size=3)))


def correct_response(item):
    if item.type == "single_choice":
        return next(i for i, c in enumerate(item.choices) if c.correct)
    if item.type == "multiple_select":
        return [i for i, c in enumerate(item.choices) if c.correct]
    if item.type in ("true_false", "numeric"):
        return item.answer
    if item.type == "ordering":
        return list(range(len(item.order)))
    if item.type == "matching":
        return list(range(len(item.pairs)))
    return item.accepted[0]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=4), children, max_size=4),
    max_leaves=12,
)
odd_values = st.sampled_from([
    object(), b"0", 1j, float("nan"), float("inf"), -float("inf"), 10**400, -(10**400), 1e308, (0, 1, 2), {0, 1},
    {"0": 0}, "", " ", "0", "1", "0x1", "1_0", "١", "012", [None], [True, False], [[0]], ["0", "1", "2"],
])


# ---- every type ------------------------------------------------------------------------------

@FAST
@given(any_item())
def test_the_correct_response_scores_one(item):
    assert score(item, correct_response(item)) == 1.0


@FAST
@given(any_item(), json_values | odd_values)
def test_any_response_scores_in_unit_interval_and_never_raises(item, response):
    value = score(item, response)
    assert isinstance(value, float)
    assert 0.0 <= value <= 1.0


@pytest.mark.parametrize("response", [None, "", [], {}, "nonsense", float("nan"), object()])
@FAST
@given(item=any_item())
def test_missing_or_malformed_response_scores_zero(item, response):
    assert score(item, response) == 0.0


def test_unknown_type_scores_zero():
    class Fake:
        type = "essay"

    assert score(Fake(), "anything") == 0.0


# ---- single choice ---------------------------------------------------------------------------

@FAST
@given(st.integers(2, 8).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n - 1), st.integers(-3, n + 3))))
def test_single_choice_scores_one_only_for_the_right_index(case):
    n, right, picked = case
    assert score(single_choice(n, right), picked) == (1.0 if picked == right else 0.0)


@pytest.mark.parametrize("response", [True, False, 0.5, 1.5, -1, -2, "1", " 1", "1.0", [1], 2**70, float("inf")])
def test_single_choice_refuses_anything_but_a_whole_index(response):
    # choice 1 is right and choice -1 (Python's last) is right too: neither truncation nor negative
    # indexing nor text may select it.
    item = single_choice(2, 1)
    assert score(item, response) == 0.0


def test_single_choice_accepts_an_integral_float_as_json_sends_it():
    assert score(single_choice(3, 2), 2.0) == 1.0


# ---- multiple select -------------------------------------------------------------------------

@FAST
@given(choice_flags.flatmap(lambda flags: st.tuples(
    st.just(flags), st.lists(st.integers(0, len(flags) - 1), max_size=2 * len(flags)))))
def test_multiple_select_partial_credit_rule(case):
    flags, ticked = case
    right = {i for i, f in enumerate(flags) if f}
    picked = set(ticked)
    expected = max(0.0, (len(picked & right) - len(picked - right)) / len(right))
    assert score(multiple_select(flags), ticked) == pytest.approx(expected)
    assert 0.0 <= expected <= 1.0


@FAST
@given(choice_flags.flatmap(lambda flags: st.tuples(
    st.just(flags), st.lists(st.integers(0, len(flags) - 1), max_size=2 * len(flags)))))
def test_multiple_select_all_or_nothing(case):
    flags, ticked = case
    right = {i for i, f in enumerate(flags) if f}
    assert score(multiple_select(flags, "all_or_nothing"), ticked) == (1.0 if set(ticked) == right else 0.0)


@FAST
@given(choice_flags.flatmap(lambda flags: st.tuples(
    st.just(flags), st.lists(st.integers(0, len(flags) - 1), max_size=len(flags)), st.randoms())))
def test_multiple_select_ignores_order_and_repeats(case):
    flags, ticked, rng = case
    shuffled = ticked + ticked
    rng.shuffle(shuffled)
    item = multiple_select(flags)
    assert score(item, shuffled) == score(item, ticked)


def test_multiple_select_examples():
    item = multiple_select([True, True, False, False])
    assert score(item, [0, 1]) == 1.0
    assert score(item, [0]) == 0.5
    assert score(item, [0, 2]) == 0.0          # one right, one wrong
    assert score(item, [0, 1, 2]) == 0.5       # (2 - 1) / 2
    assert score(item, [2, 3]) == 0.0          # floored at 0, not -1
    assert score(item, [0, 1, 2, 3]) == 0.0
    assert score(item, []) == 0.0
    assert score(multiple_select([True, True, False, False], "all_or_nothing"), [0]) == 0.0


@pytest.mark.parametrize("response", [[0, 4], [0, -1], [0, 0.5], [0, True], [0, None], ["0", "1"], "01", {0: 1, 1: 1},
                                      0, None])
def test_multiple_select_malformed_lists_score_zero(response):
    assert score(multiple_select([True, True, False, False]), response) == 0.0


# ---- true / false ----------------------------------------------------------------------------

@FAST
@given(st.booleans(), json_values)
def test_true_false_only_the_same_bool_scores(answer, response):
    expected = 1.0 if isinstance(response, bool) and response == answer else 0.0
    assert score(true_false(answer), response) == expected


@pytest.mark.parametrize("response", [1, 0, 1.0, "true", "True", "yes", [True]])
def test_true_false_does_not_coerce(response):
    assert score(true_false(True), response) == 0.0
    assert score(true_false(False), response) == 0.0


# ---- numeric ---------------------------------------------------------------------------------

answers = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
tolerances = st.floats(min_value=0, max_value=1e3, allow_nan=False)


@FAST
@given(answers, tolerances)
def test_numeric_tolerance_boundaries_are_inclusive(answer, tolerance):
    item = numeric(answer, tolerance)
    assert score(item, answer) == 1.0
    assert score(item, answer + tolerance) == 1.0
    assert score(item, answer - tolerance) == 1.0
    assert score(item, answer + tolerance + 1e-6) == 0.0
    assert score(item, answer - tolerance - 1e-6) == 0.0


@FAST
@given(answers, tolerances, st.floats(allow_nan=False, allow_infinity=False, min_value=-2e6, max_value=2e6))
def test_numeric_scores_one_exactly_within_tolerance(answer, tolerance, response):
    assume(abs(abs(response - answer) - tolerance) > 1e-6)   # away from the boundary's float noise
    expected = 1.0 if abs(response - answer) <= tolerance else 0.0
    assert score(numeric(answer, tolerance), response) == expected


@FAST
@given(st.integers(-5000, 5000), st.sampled_from(["{}", " {}", "{} ", "\t{}\n", "+{}", "{}.0", "{}.", "{}e0"]))
def test_numeric_accepts_typed_numbers(year, template):
    text = template.format(year)
    if text.strip().startswith("+-"):
        return
    assert score(numeric(year), text) == 1.0


@pytest.mark.parametrize("response", [
    "1970 CE", "1,970", "1970a", "0x7B2", "1_970", "١٩٧٠ م", "nineteen seventy", "", "  ", "1970.0.0", "Infinity",
    "nan", True, None, [1970], {"value": 1970}, float("nan"), float("inf"), 10**400, "1e400",
])
def test_numeric_refuses_what_is_not_a_plain_number(response):
    assert score(numeric(1970), response) == 0.0


def test_numeric_year_examples():
    item = numeric(1970, 0)
    assert score(item, 1970) == 1.0
    assert score(item, "1970") == 1.0
    assert score(item, 1970.0) == 1.0
    assert score(item, 1971) == 0.0
    assert score(item, 1969.9999) == 0.0
    ranged = numeric(1969, 1)
    assert [score(ranged, y) for y in (1967, 1968, 1969, 1970, 1971)] == [0.0, 1.0, 1.0, 1.0, 0.0]


def test_numeric_decimal_tolerance_survives_float_rounding():
    item = numeric(0.3, 0.1)
    assert score(item, 0.2) == 1.0          # 0.3 - 0.2 = 0.09999999999999998 or 0.10000000000000003
    assert score(item, 0.4) == 1.0
    assert score(item, "0.4") == 1.0
    assert score(item, 0.41) == 0.0


# ---- ordering and matching -------------------------------------------------------------------

@FAST
@given(st.integers(3, 8).flatmap(lambda n: st.tuples(st.just(n), st.permutations(range(n)))))
def test_ordering_only_the_identity_scores(case):
    n, permutation = case
    assert score(ordering(n), permutation) == (1.0 if permutation == list(range(n)) else 0.0)


@FAST
@given(st.integers(2, 8).flatmap(lambda n: st.tuples(st.just(n), st.permutations(range(n)))))
def test_matching_only_the_identity_scores(case):
    n, permutation = case
    assert score(matching(n), permutation) == (1.0 if permutation == list(range(n)) else 0.0)


@FAST
@given(st.integers(2, 8).flatmap(lambda n: st.tuples(st.just(n), st.lists(st.integers(-1, n), min_size=n,
                                                                          max_size=n))))
def test_matching_with_repeats_or_blanks_scores_zero_unless_identity(case):
    n, response = case
    assert score(matching(n), response) == (1.0 if response == list(range(n)) else 0.0)


@pytest.mark.parametrize("response", [
    [0, 1], [0, 1, 2, 3], [0.0, 1.5, 2], [False, True, 2], [None, 1, 2], ["0", "1", "2"], "012", (0, 1, 2, 3),
    {0: "a", 1: "b", 2: "c"}, [0, 1, 2.0000001], [[0], [1], [2]],
])
def test_ordering_malformed_responses_score_zero(response):
    assert score(ordering(3), response) == 0.0


def test_ordering_and_matching_accept_integral_floats_as_json_sends_them():
    assert score(ordering(3), [0.0, 1.0, 2.0]) == 1.0
    assert score(matching(3), (0, 1, 2)) == 1.0


# ---- short text ------------------------------------------------------------------------------

ACCEPTED = ["Makkah al-Mukarramah", "Organisation of Islamic Cooperation", "al-Aqṣā", "Qurʾān", "ʿUmar", "OIC"]


@pytest.mark.parametrize(("accepted", "typed"), [
    ("Makkah al-Mukarramah", "makkah al mukarramah"),
    ("Makkah al-Mukarramah", "  MAKKAH   AL-MUKARRAMAH!  "),
    ("Makkah al-Mukarramah", "Makkah al–Mukarramah."),
    ("al-Aqṣā", "Al Aqsa"),
    ("al-Aqṣā", "ʿal aqsa"),
    ("Qurʾān", "quran"),
    ("ʿUmar", "Umar"),
    ("Organisation of Islamic Cooperation", "organisation of islamic cooperation"),
    ("Organisation of Islamic Cooperation", "Organisation-of-Islamic_Cooperation"),
    ("Fès", "FES"),
    ("Ṣanʿāʾ", "SANA"),
])
def test_short_text_ignores_case_spacing_punctuation_diacritics_and_marks(accepted, typed):
    assert score(short_text([accepted]), typed) == 1.0


@pytest.mark.parametrize(("accepted", "typed"), [
    ("Makkah al-Mukarramah", "Makkah"),
    ("Makkah al-Mukarramah", "Madinah al-Munawwarah"),
    ("OIC", "OICs"),
    ("OIC", "O I C"),       # spacing folds to one space, it does not vanish
    ("OIC", ""),
    ("OIC", "?!"),
])
def test_short_text_still_tells_different_answers_apart(accepted, typed):
    assert score(short_text([accepted]), typed) == 0.0


def _decorate(text: str, data) -> str:
    """Change case, add diacritics, marks, punctuation and spaces without changing the letters."""
    out = []
    for ch in text:
        if ch.isalpha():
            ch = data.draw(st.sampled_from([ch.lower(), ch.upper()]))
            ch += data.draw(st.sampled_from(["", "\u0301", "\u0323", "\u0304", "\u0308"]))
        elif not ch.isalnum():
            ch = data.draw(st.sampled_from([" ", "  ", "-", " - ", "_", ".", ", ", "'", "\u2019", "\u2013"]))
        out.append(ch)
    prefix = data.draw(st.sampled_from(["", " ", "ʿ", "(", "\"", "ʾ"]))
    suffix = data.draw(st.sampled_from(["", " ", ".", "?", "!", ")", "\""]))
    return unicodedata.normalize(data.draw(st.sampled_from(["NFC", "NFD"])), prefix + "".join(out) + suffix)


@FAST
@given(st.sampled_from(ACCEPTED), st.data())
def test_short_text_accepts_any_decorated_spelling(accepted, data):
    assert score(short_text([accepted]), _decorate(accepted, data)) == 1.0


@FAST
@given(st.lists(st.sampled_from(ACCEPTED), min_size=1, max_size=4, unique=True), st.text(max_size=30))
def test_short_text_scores_one_exactly_when_normalised_text_is_accepted(accepted, typed):
    from coursekit.schema.common import normalise

    expected = 1.0 if normalise(typed) and normalise(typed) in {normalise(a) for a in accepted} else 0.0
    assert score(short_text(accepted), typed) == expected


@pytest.mark.parametrize("response", [None, 0, ["OIC"], b"OIC", {"text": "OIC"}, True])
def test_short_text_needs_text(response):
    assert score(short_text(["OIC"]), response) == 0.0


@FAST
@given(st.text(max_size=30))
@example("")
@example("\u0301\u0301")
def test_short_text_never_matches_an_empty_normalisation(typed):
    from coursekit.schema.common import normalise

    if not normalise(typed):
        assert score(short_text(["OIC"]), typed) == 0.0


def test_score_is_a_float_not_a_bool_or_int():
    assert type(score(true_false(True), True)) is float
    assert math.isclose(score(multiple_select([True, True, True, False]), [0]), 1 / 3)


def test_numbers_typed_in_arabic_indic_or_persian_digits_score_as_ascii():
    year, ratio = numeric(1970), numeric(0.3, 0.1)
    for typed in ("١٩٧٠", "۱۹۷۰", "١٬٩٧٠", "\u200f١٩٧٠", "1970"):
        assert score(year, typed) == 1.0, typed
    for typed in ("٠٫٤", "۰٫۴", "٫٤"):
        assert score(ratio, typed) == 1.0, typed
    for typed in ("١٩٧١", "٬١٩٧٠", "١٬٬٩٧٠", "٠٫٤٫"):
        assert score(year if "٩" in typed else ratio, typed) == 0.0, typed
