"""What an LMS shows as a question's text (``question_text``, used by every exporter): the prompt, a
number's unit after it, a writing exercise's criteria after it; text from the file always escaped."""
from __future__ import annotations

from coursekit.questions import EXPORTED, TYPES
from coursekit.schema.activities import FreeResponse


def essay(**changes) -> FreeResponse:
    return FreeResponse.model_validate({"id": "essay", "prompt": "Explain *who* acts.", "model_answer": "Secret.",
                                        **changes})


def test_a_quiz_item_shows_its_prompt_and_a_number_its_unit():
    item = TYPES["numeric"].model.model_validate({"id": "n", "type": "numeric", "prompt": "When?", "answer": 1969,
                                                  "unit": "year"})
    assert EXPORTED["numeric"].question_text(item) == "<p>When?</p><p>Unit: year</p>"
    short = TYPES["short_text"].model.model_validate({"id": "s", "type": "short_text", "prompt": "Name it.",
                                                      "accepted": ["OIC"]})
    assert EXPORTED["short_text"].question_text(short) == "<p>Name it.</p>"


def test_a_writing_exercise_shows_its_criteria_escaped_and_never_its_model_answer():
    text = EXPORTED["essay"].question_text(essay(criteria=["Names *each* organ", "Weighs costs & risks \\<b\\>"]))
    assert text == ('<p>Explain <em>who</em> acts.</p><div class="ck-criteria"><p class="ck-criteria-title">'
                    '<strong>A good answer…</strong></p><ul class="ck-criteria-list"><li>Names <em>each</em> organ</li>'
                    "<li>Weighs costs &amp; risks &lt;b&gt;</li></ul></div>")
    assert "Secret" not in text


def test_without_criteria_only_the_prompt():
    assert EXPORTED["essay"].question_text(essay()) == "<p>Explain <em>who</em> acts.</p>"
