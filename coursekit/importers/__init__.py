"""Importers: Moodle XML and GIFT question banks read back into the course's quiz file format.

Each reader (:mod:`.moodle`, :mod:`.gift`) turns a file into :class:`~.common.LmsQuestion` objects shaped
as Moodle stores a question (a type name, answers with fractions and feedback, subquestions, settings),
with every text already converted from the LMS's HTML to the course's Markdown. Which course type a
question becomes is each type's own knowledge (``QuestionType.from_lms`` in :mod:`coursekit.questions`);
:mod:`.quizfile` asks every type, collects what maps and names what does not, with the reason. This
package's root imports nothing, so the command line can start without loading any reader.
"""

FORMATS = {".xml": "moodle", ".gift": "gift", ".txt": "gift"}
