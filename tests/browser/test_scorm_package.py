"""A SCORM 1.2 package of a real section, run inside an LMS stand-in: scorm-again's Scorm12API.

The harness page (written here) is what an LMS player is: it defines ``window.API`` and frames the
package's launch page (the manifest's SCO ``href`` plus the item's ``parameters``). It records every API
call. The learner taps answers at phone size with touch; the test asserts what reached the LMS
(initialise, status, score, suspend data within 4,096 characters, commit) and then resumes in a fresh
browser profile (no localStorage) from the suspend data alone, as an LMS does on the learner's next visit.
"""
from __future__ import annotations

import json
import shutil
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile

import pytest

from coursekit.cli import main
from tests.browser.helpers import answer_anything, attempt_total, drawn, drawn_ids, quizzes, reach_widgets, right_input
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
SECTION = "part1/science"
CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"

HARNESS = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>SCORM 1.2 harness</title>
<script src="scorm12.js"></script>
<script>
  window.API = new Scorm12API({ autocommit: true, autocommitSeconds: 1, logLevel: 5 });
  var resume = new URLSearchParams(location.hash.slice(1)).get("resume");
  if (resume) window.API.loadFromJSON({ suspend_data: resume, core: { entry: "resume" } });
  window.calls = [];
  ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"].forEach(function (name) {
    var real = window.API[name].bind(window.API);
    window.API[name] = function () {
      var result = real.apply(null, arguments);
      window.calls.push([name].concat(Array.prototype.slice.call(arguments)).concat([String(result)]));
      return result;
    };
  });
</script></head>
<body><iframe id="sco" title="course" style="width:100%;height:800px" src="LAUNCH"></iframe></body></html>
"""


@pytest.fixture(scope="module")
def harness(site, serve, tmp_path_factory):
    """The section's package unpacked beside the harness page, served on 127.0.0.1; (url, quiz data)."""
    out = tmp_path_factory.mktemp("scorm")
    code = main(["export", "--format", "scorm", "--root", str(ROOT), "--output", str(out / "packages")])
    assert code == 0
    folder = out / "lms"
    with zipfile.ZipFile(out / "packages" / f"{SECTION.replace('/', '-')}.zip") as archive:
        archive.extractall(folder / "pkg")
        root = ET.fromstring(archive.read("imsmanifest.xml"))
    item = next(i for i in root.iter(f"{CP}item") if i.get("identifierref"))
    resource = next(r for r in root.iter(f"{CP}resource") if r.get("identifier") == item.get("identifierref"))
    launch = "pkg/" + resource.get("href") + item.get("parameters", "")
    shutil.copy(ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.js", folder / "scorm12.js")
    (folder / "index.html").write_text(HARNESS.replace("LAUNCH", launch), encoding="utf-8")
    quiz = quizzes((site / f"book/{SECTION}.html").read_text(encoding="utf-8"))[0]
    return serve(folder), quiz


def phone(browser):
    return browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)


def calls(page, name=None):
    found = page.evaluate("window.calls")
    return [c for c in found if name is None or c[0] == name]


def set_values(page) -> dict[str, str]:
    """The last value the package set for each element."""
    return {c[1]: c[2] for c in calls(page, "LMSSetValue")}


def test_package_reports_to_the_lms_and_resumes_from_suspend_data(browser, harness):
    url, quiz = harness
    context = phone(browser)
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url + "index.html")
    frame = page.frame_locator("#sco")
    reach_widgets(page.locator("#sco").element_handle().content_frame())   # the learner scrolls to the quiz
    frame.locator(".ck-quiz").wait_for()
    assert calls(page, "LMSInitialize") == [["LMSInitialize", "", "true"]]
    assert set_values(page)["cmi.core.lesson_status"] == "incomplete"

    frame.locator(".ck-quiz .ck-item").first.wait_for()
    box, single = drawn(frame, quiz, ("single_choice", "true_false"))
    right_input(box, single).tap()
    box.get_by_role("button", name="Check").tap()
    assert "Correct" in box.locator(".ck-status").inner_text()
    values = set_values(page)
    expected = round(100 / attempt_total(quiz), 2)
    assert float(values["cmi.core.score.raw"]) == pytest.approx(expected)
    assert values["cmi.core.score.min"] == "0" and values["cmi.core.score.max"] == "100"
    assert values["cmi.core.lesson_status"] == "incomplete"          # one of the items answered
    assert calls(page, "LMSCommit")

    ids = drawn_ids(frame)
    for item_id in ids:                                              # answer the rest, right or not
        if item_id != single["id"]:
            answer_anything(frame.locator(f'.ck-quiz .ck-item[data-item="{item_id}"]'))
    values = set_values(page)
    assert values["cmi.core.lesson_status"] == "completed"
    suspend = page.evaluate("window.API.LMSGetValue('cmi.suspend_data')")
    assert 0 < len(suspend) <= 4096
    stored = json.loads(suspend)
    record = stored[f"coursekit:v1:quiz:{quiz['id']}"]
    assert record["answers"][single["id"]]["score"] == 1 and len(record["answers"]) >= len(ids) - 2
    assert "title" not in record and "saved" not in record          # only what a resume needs
    assert errors == []
    context.close()

    # the learner's next visit: a fresh profile (nothing in localStorage), the LMS hands back suspend_data
    context = phone(browser)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(url + "index.html#" + urllib.parse.urlencode({"resume": suspend}))
    frame = page.frame_locator("#sco")
    reach_widgets(page.locator("#sco").element_handle().content_frame())   # the learner scrolls to the quiz
    frame.locator(".ck-quiz .ck-item").first.wait_for()
    assert drawn_ids(frame) == ids                                   # the same learner, so the same draw
    box = frame.locator(f'.ck-quiz .ck-item[data-item="{single["id"]}"]')
    assert "Correct" in box.locator(".ck-status").inner_text()
    assert right_input(box, single).is_checked()
    assert ["LMSGetValue", "cmi.suspend_data", suspend] in calls(page, "LMSGetValue")
    context.close()


def test_without_an_lms_the_page_keeps_its_own_storage(browser, harness, serve):
    """The same package page opened directly (no API anywhere): answers go to localStorage as in the book."""
    url, quiz = harness
    context = phone(browser)
    page = context.new_page()
    page.goto(url + f"pkg/book/{SECTION}.html?sco={SECTION.replace('/', '-')}")
    reach_widgets(page)
    page.locator(".ck-quiz .ck-item").first.wait_for()
    box, single = drawn(page, quiz, ("single_choice", "true_false"))
    right_input(box, single).tap()
    box.get_by_role("button", name="Check").tap()
    saved = page.evaluate(f"window.localStorage.getItem('coursekit:v1:quiz:{quiz['id']}')")
    assert saved and json.loads(saved)["score"] == 1
    assert page.evaluate("typeof window.coursekitStorage") == "undefined"
    context.close()
