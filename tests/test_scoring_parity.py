"""The quiz front end (widgets/quiz/*.js) must score exactly as coursekit.scoring does.

Items are built with the pydantic models and sent to JavaScript in their client form
(coursekit.widgets.quiz.client_data), as the page receives them. Every case of a run goes to one Node
process, which imports the assembled quiz module (an ES module; `document` is only touched inside render) and returns
the scores and normalised strings as JSON.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coursekit.schema.common import normalise
from coursekit.schema.quiz import QuizFile
from coursekit.scoring import score
from coursekit.widgets.base import module_source
from coursekit.widgets.quiz import client_data

NODE = shutil.which("node")
QUIZ_JS = ""  # file URI of the assembled quiz module, set by the quiz_module fixture

RUNNER = r"""
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { cases, strings } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const quiz = (await import(process.argv[1])).default;
const scores = cases.map(([item, response]) => quiz.score(item, response));
const normalised = strings.map((text) => quiz.normalise(text));
process.stdout.write(JSON.stringify({ scores, normalised }));
"""


@pytest.fixture(scope="module", autouse=True)
def quiz_module(tmp_path_factory):
    """The quiz module exactly as anywidget and the static book receive it (common.js + widgets/quiz/*.js)."""
    global QUIZ_JS
    if NODE is None:
        message = "node (Node.js 20) is not on the PATH, so the quiz module cannot be compared with coursekit.scoring"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    path = tmp_path_factory.mktemp("quiz") / "quiz.mjs"
    path.write_text(module_source("quiz"), encoding="utf-8")
    QUIZ_JS = path.as_uri()


def run_js(cases: list[tuple[dict, object]], strings: list[str] = ()) -> tuple[list[float], list[str]]:
    """Score ``cases`` and normalise ``strings`` with the quiz module in one Node process."""
    payload = json.dumps({"cases": cases, "strings": list(strings)}, allow_nan=False)
    result = subprocess.run(
        [NODE, "--no-warnings", "--input-type=module", "-e", RUNNER, QUIZ_JS],
        input=payload.encode("utf-8"), capture_output=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    data = json.loads(result.stdout)
    return data["scores"], data["normalised"]


# ---- building items and responses --------------------------------------------------------------

WORDS = ["Makkah", "al-Mukarramah", "OIC", "IAEA", "Rabat", "Fès", "Qurʾān", "ʿUmar", "al-Aqṣā", "Jeddah",
         "COMSTECH", "SESAME", "Allan, Jordan", "Ṣanʿāʾ", "İzmir", "Δελφοί", "Москва", "جدة", "Tōkyō", "Ærø",
         "إيران", "مَكَّة", "الأمم المتحدة", "مصطفى", "ٱلله", "كتـــاب", "مؤتمر", "١٩٧٠", "۱۹۷۰", "فارسی"]
# Characters that stress the normalisation: marks of every kind, modifier letters, punctuation,
# unusual spaces, compatibility forms, letters whose case mapping is special.
ODD = list("ʿʾʻ’‘'`´^¨~-–—_.,;:!?()[]\"«»/\\ \t\u00a0\u2009\u3000") + [
    "\u0301", "\u0323", "\u0308", "\u034f", "\u20dd", "\u0903", "\u0670", "\u064e", "ß", "ẞ", "İ", "ı", "Σ", "ς",
    "ﬁ", "Ⅻ", "①", "²", "½", "ℌ", "Å", "ǅ", "ﷺ", "٣", "۴", "𝔄", "😀", "\u200d", "\ufeff", "\u00ad",
]


def _text(rng: random.Random, words: int = 3) -> str:
    parts = [rng.choice(WORDS) for _ in range(rng.randint(1, words))]
    out = []
    for part in parts:
        if rng.random() < 0.3:
            part = part.upper() if rng.random() < 0.5 else part.lower()
        if rng.random() < 0.4:
            spot = rng.randint(0, len(part))
            part = part[:spot] + rng.choice(ODD) + part[spot:]
        out.append(part)
    text = rng.choice([" ", "  ", "-", " - ", "_"]).join(out)
    return unicodedata.normalize(rng.choice(["NFC", "NFD", "NFKC"]), text)


def _distinct_texts(rng: random.Random, n: int) -> list[str]:
    texts: list[str] = []
    while len(texts) < n:
        candidate = f"{_text(rng, 2)} {len(texts)}"
        if normalise(candidate) not in {normalise(t) for t in texts}:
            texts.append(candidate)
    return texts


def random_item(rng: random.Random, n: int) -> dict:
    kind = rng.choice(["single_choice", "multiple_select", "true_false", "numeric", "ordering", "matching",
                       "short_text"])
    item: dict = {"id": f"item-{n}", "type": kind, "prompt": "Answer the question."}
    if kind in ("single_choice", "multiple_select"):
        count = rng.randint(2, 7)
        texts = _distinct_texts(rng, count)
        if kind == "single_choice":
            right = {rng.randrange(count)}
        else:
            right = set(rng.sample(range(count), rng.randint(1, count)))
            item["scoring"] = rng.choice(["partial", "all_or_nothing"])
        item["choices"] = [{"text": t, "correct": i in right} for i, t in enumerate(texts)]
    elif kind == "true_false":
        item["answer"] = rng.random() < 0.5
    elif kind == "numeric":
        item["answer"] = rng.choice([1970, 1969, 0, -12, 2.5, 0.3, 1e-7, 123456.789, rng.uniform(-1e4, 1e4)])
        item["tolerance"] = rng.choice([0, 0, 0.1, 0.5, 1, 5, rng.uniform(0, 10)])
    elif kind == "ordering":
        item["order"] = _distinct_texts(rng, rng.randint(3, 7))
    elif kind == "matching":
        count = rng.randint(2, 6)
        lefts, rights = _distinct_texts(rng, count), _distinct_texts(rng, count)
        item["pairs"] = [{"left": left, "right": right} for left, right in zip(lefts, rights)]
    else:
        item["accepted"] = [t for t in (_text(rng) for _ in range(rng.randint(1, 3))) if normalise(t)] or ["OIC"]
    return item


JUNK = [None, True, False, 0, 1, -1, 2.5, 1e308, -0.0, "", " ", "0", "1", "1.0", " 2 ", "0x1", "1e1", "1_0", "١",
        "true", "null", [], [None], [True], ["0"], [[0]], {}, {"0": 0}, 2**64, -(2**64), 10**30, "Infinity", "NaN"]


def random_response(rng: random.Random, item: dict):
    kind = item["type"]
    roll = rng.random()
    if roll < 0.15:
        return rng.choice(JUNK)
    if kind in ("single_choice", "multiple_select"):
        count = len(item["choices"])
        right = [i for i, c in enumerate(item["choices"]) if c["correct"]]
        if kind == "single_choice":
            return rng.choice([right[0], right[0], rng.randrange(count), rng.randint(-2, count + 1),
                               float(right[0]), right[0] + 0.5, str(right[0]), [right[0]]])
        picked = rng.sample(range(count), rng.randint(0, count))
        if roll < 0.35:
            picked = list(right)
        if rng.random() < 0.2:
            picked += rng.sample(picked, min(len(picked), 2))         # repeats
        if rng.random() < 0.1:
            picked = [float(i) for i in picked]
        if rng.random() < 0.1:
            picked.append(rng.choice([count, -1, 0.5, "0", None, True]))
        return picked
    if kind == "true_false":
        return rng.choice([True, False, item["answer"], 1, 0, "true", "false", None])
    if kind == "numeric":
        answer, tolerance = item["answer"], item["tolerance"]
        value = rng.choice([answer, answer + tolerance, answer - tolerance, answer + tolerance + 1e-6,
                            answer - tolerance - 1e-10, answer + rng.uniform(-2 * tolerance - 1, 2 * tolerance + 1),
                            round(answer), int(answer) + 1])
        form = rng.random()
        if form < 0.4:
            return value
        text = repr(value) if form < 0.7 else rng.choice(["{}", " {} ", "{}\t", "+{}", "{}0", "{}.", "{} year",
                                                          "{},5", "{}e0", "{}E+1", ".{}", "--{}"]).format(
            int(value) if rng.random() < 0.5 else value)
        if rng.random() < 0.2:   # typed with an Arabic or Persian keyboard
            text = text.translate(rng.choice([ARABIC_INDIC, PERSIAN]))
        return text
    if kind in ("ordering", "matching"):
        count = len(item["order"] if kind == "ordering" else item["pairs"])
        order = list(range(count))
        if roll < 0.5:
            rng.shuffle(order)
        if rng.random() < 0.15:
            order = order[:-1] if rng.random() < 0.5 else order + [0]
        if rng.random() < 0.1:
            order = [float(i) for i in order]
        if rng.random() < 0.1:
            order[rng.randrange(len(order))] = rng.choice([-1, 0.5, "1", None, True, count])
        return order
    accepted = item["accepted"]
    if roll < 0.6:
        base = rng.choice(accepted)
        chars = list(base)
        for _ in range(rng.randint(0, 3)):
            spot = rng.randint(0, len(chars))
            chars.insert(spot, rng.choice(ODD))
        text = "".join(chars)
        return rng.choice([text, text.upper(), text.lower(), text.swapcase(), unicodedata.normalize("NFD", text)])
    return _text(rng)


def build_cases(seed: int, count: int) -> list[tuple[object, dict, object]]:
    """``count`` (model item, client item, response) triples from ``seed``."""
    rng = random.Random(seed)
    cases = []
    while len(cases) < count:
        items = [random_item(rng, n) for n in range(10)]
        spec = QuizFile.model_validate({"kind": "quiz", "id": "parity", "section": "part1/parity",
                                        "title": "Parity", "items": items})
        data = client_data(spec)
        for model, client in zip(spec.items, data["items"]):
            for _ in range(4):
                response = json.loads(json.dumps(random_response(rng, model.model_dump()), allow_nan=False))
                cases.append((model, client, response))
    return cases[:count]


def assert_same_scores(cases):
    js_scores, _ = run_js([(client, response) for _, client, response in cases])
    mismatches = [(model.type, client, response, score(model, response), js)
                  for (model, client, response), js in zip(cases, js_scores) if score(model, response) != js]
    assert not mismatches, f"{len(mismatches)} of {len(cases)} cases differ; first: {mismatches[:3]}"


# ---- tests -------------------------------------------------------------------------------------

def test_scores_agree_on_many_generated_cases():
    seed = int(os.environ.get("COURSEKIT_PARITY_SEED", "20261121"))
    cases = build_cases(seed, 6000)
    assert {model.type for model, _, _ in cases} == {"single_choice", "multiple_select", "true_false", "numeric",
                                                      "ordering", "matching", "short_text"}
    assert any(score(model, response) == 1.0 for model, _, response in cases)
    assert any(0.0 < score(model, response) < 1.0 for model, _, response in cases)
    assert_same_scores(cases)


@settings(deadline=None, max_examples=8, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1))
def test_scores_agree_for_hypothesis_seeds(seed):
    assert_same_scores(build_cases(seed, 300))


def test_scores_agree_on_hand_picked_edge_cases():
    items = [
        {"id": "single", "type": "single_choice", "prompt": "?", "choices": [
            {"text": "A"}, {"text": "B", "correct": True}]},
        {"id": "multi", "type": "multiple_select", "prompt": "?", "choices": [
            {"text": "A", "correct": True}, {"text": "B", "correct": True}, {"text": "C"}, {"text": "D"}]},
        {"id": "strict", "type": "multiple_select", "prompt": "?", "scoring": "all_or_nothing", "choices": [
            {"text": "A", "correct": True}, {"text": "B"}]},
        {"id": "tf", "type": "true_false", "prompt": "?", "answer": False},
        {"id": "year", "type": "numeric", "prompt": "?", "answer": 1970, "tolerance": 0},
        {"id": "ratio", "type": "numeric", "prompt": "?", "answer": 0.3, "tolerance": 0.1},
        {"id": "order", "type": "ordering", "prompt": "?", "order": ["a", "b", "c"]},
        {"id": "match", "type": "matching", "prompt": "?", "pairs": [{"left": "a", "right": "x"},
                                                                     {"left": "b", "right": "y"}]},
        {"id": "text", "type": "short_text", "prompt": "?", "accepted": ["Makkah al-Mukarramah", "OIC"]},
    ]
    spec = QuizFile.model_validate({"kind": "quiz", "id": "edge", "section": "part1/edge", "title": "Edge",
                                    "items": items})
    client = client_data(spec)["items"]
    responses = [
        1, 1.0, 0, -1, 1.5, True, "1", [1], None, "",
        [0, 1], [0], [0, 2], [2, 3], [0, 0, 1], [0, 4], [0, -1], [0, 0.5], [0, None], [0, True], "01",
        [0], [0, 1], [], False, True, 0, "false",
        1970, "1970", " 1970 ", "1970.", "+1970", "1970e0", "1,970", "0x7B2", "1_970", "١٩٧٠", [1970], True,
        "۱۹۷۰", "١٬٩٧٠", "١٩٧٠\u200f", "\u061c١٩٧٠", "١٬٬٩٧٠", "٬١٩٧٠", "١٩٧٠٬", "١٫٩٧٠e3", "١٩٧٠٫", "١٩٧٠٫٠",
        0.2, 0.4, "0.4", ".4", 0.41, 0.19999999, "4e-1", "٠٫٤", "۰٫۴", "٫٤", "٠٫٤١", "0٫4", "٠.٤", "٤e-١", "٠٫٤٫", "٠,٤",
        [0, 1, 2], [0.0, 1.0, 2.0], [1, 0, 2], [0, 1], [False, True, 2], [None, 1, 2], ["0", "1", "2"], "012",
        [0, 1], [1, 0], [-1, 1], [0, 1, 2],
        "makkah al mukarramah", "MAKKAH AL-MUKARRAMAH!", "Makkah al–Mukarramah", "makkah", "o.i.c", "OIC", " ", 42,
    ]
    cases = [(model, data, response) for model, data in zip(spec.items, client) for response in responses]
    assert_same_scores(cases)


ARABIC_INDIC, PERSIAN = str.maketrans("0123456789.", "٠١٢٣٤٥٦٧٨٩٫"), str.maketrans("0123456789.", "۰۱۲۳۴۵۶۷۸۹٫")


@pytest.mark.parametrize("typed, value", [("١٩٥٩", 1959), ("۱۹۵۹", 1959), ("١٬٩٥٩", 1959), (" ١٩٥٩ ", 1959),
                                          ("٢٫٥", 2.5), ("۲٫۵", 2.5), ("1٩5٩", 1959), ("-٠٫٥", -0.5)])
def test_numbers_in_arabic_and_persian_digits_score_as_their_value(typed, value):
    spec = QuizFile.model_validate({"kind": "quiz", "id": "digits", "section": "part1/digits", "title": "Digits",
                                    "items": [{"id": "n", "type": "numeric", "prompt": "?", "answer": value},
                                              {"id": "off", "type": "numeric", "prompt": "?", "answer": value + 1}]})
    (right, wrong), client = spec.items, client_data(spec)["items"]
    assert (score(right, typed), score(wrong, typed)) == (1.0, 0.0)
    assert run_js([(client[0], typed), (client[1], typed)])[0] == [1, 0]


@pytest.mark.parametrize("typed", ["abc", "1e309", "-1e309", "😀", "١e٣٠٩", "1959😀", "٫", "٬", "1٫2٫3"])
def test_text_that_is_no_finite_number_scores_nothing_in_both(typed):
    spec = QuizFile.model_validate({"kind": "quiz", "id": "junk", "section": "part1/junk", "title": "Junk",
                                    "items": [{"id": "n", "type": "numeric", "prompt": "?", "answer": 1959,
                                               "tolerance": 1e300}]})
    assert score(spec.items[0], typed) == 0.0
    assert run_js([(client_data(spec)["items"][0], typed)])[0] == [0]


def _assigned_characters() -> list[str]:
    """Every code point assigned in Python's Unicode database (the JS engine may know newer ones)."""
    return [chr(c) for c in range(0x110000)
            if not 0xD800 <= c <= 0xDFFF and unicodedata.category(chr(c)) not in ("Cn", "Cs", "Co")]


def test_normalise_agrees_on_every_assigned_character():
    strings = [f"Ab{ch}{ch.upper()} z" for ch in _assigned_characters()]
    _, js = run_js([], strings)
    mismatches = [(s, normalise(s), j) for s, j in zip(strings, js) if normalise(s) != j]
    assert not mismatches, f"{len(mismatches)} characters differ (Unicode {unicodedata.unidata_version}); " \
                           f"first: {mismatches[:5]}"


@settings(deadline=None, max_examples=10, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.text(alphabet=st.characters(exclude_categories=("Cn", "Cs", "Co")), max_size=25)
                | st.lists(st.sampled_from(WORDS + ODD), max_size=8).map("".join), min_size=50, max_size=200))
def test_normalise_agrees_on_generated_text(strings):
    _, js = run_js([], strings)
    assert [normalise(s) for s in strings] == js


def test_node_runner_reports_failures_instead_of_hiding_them():
    result = subprocess.run([NODE, "--no-warnings", "--input-type=module", "-e", RUNNER, QUIZ_JS],
                            input=b"not json", capture_output=True, timeout=60)
    assert result.returncode != 0   # a broken payload fails loudly, it never yields an empty "agreement"
