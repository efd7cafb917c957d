"""LMS exporters: the question bank as Moodle GIFT, Moodle XML or an IMS QTI 1.2 zip (Canvas), and the whole
course as an IMS Common Cartridge (``cc``) or as SCORM 1.2 packages (``scorm``, a folder of zips).

Every exporter takes the same list of :class:`~coursekit.exporters.common.Entry` (one per quiz item or
free-response exercise) and returns an :class:`~coursekit.exporters.common.Export`: the bytes to write
plus a report that says, item by item, what a format could not express and what was done about it.
How one question type is written in each format lives with that type, in :mod:`coursekit.questions`;
each format's module here writes the file around those pieces. This package's root imports nothing, so
the command line can name the formats without loading any of them.
"""

FORMATS = ("gift", "moodle-xml", "qti", "cc", "scorm")
SUFFIXES = {"gift": ".gift", "moodle-xml": ".xml", "qti": ".zip", "cc": ".imscc", "scorm": ""}  # scorm: a folder
MODULES = {"gift": "gift", "moodle-xml": "moodle_xml", "qti": "qti", "cc": "cc", "scorm": "scorm"}
