"""Common Cartridge's building blocks: namespaces and resource types by version, topics and assignments.

Versions differ in namespaces and resource-type names only for what this exporter writes: 1.1 is what
every major LMS imports (Blackboard takes 1.0-1.2 only), 1.3 is taken by Canvas, Moodle and Brightspace.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

XSI = "http://www.w3.org/2001/XMLSchema-instance"
ASSIGNMENT_NS = "http://www.imsglobal.org/xsd/imscc_extensions/assignment"


@dataclass(frozen=True)
class Version:
    number: str   # "1.1"
    tag: str      # "v1p1"

    @property
    def manifest_ns(self) -> str:
        return f"http://www.imsglobal.org/xsd/imscc{self.tag}/imscp_v1p1"

    @property
    def lom_ns(self) -> str:
        return f"http://ltsc.ieee.org/xsd/imscc{self.tag}/LOM/manifest"

    @property
    def topic_ns(self) -> str:
        return f"http://www.imsglobal.org/xsd/imscc{self.tag}/imsdt_{self.tag}"

    @property
    def schema_version(self) -> str:
        return f"{self.number}.0"

    @property
    def assessment_type(self) -> str:
        return f"imsqti_xmlv1p2/imscc_xml{self.tag}/assessment"

    @property
    def qti_schema(self) -> str:
        """Where IMS publishes this version's profile of QTI 1.2.1, for the assessments' schemaLocation."""
        return f"http://www.imsglobal.org/profile/cc/cc{self.tag}/cc{self.tag}_qtiasiv1p2p1_v1p0.xsd"

    @property
    def topic_type(self) -> str:
        return f"imsdt_xml{self.tag}"

    @property
    def associated_type(self) -> str:
        return f"associatedcontent/imscc_xml{self.tag}/learning-application-resource"

    assignment_type = "assignment_xmlv1p0"   # the IMS assignment extension (CC 1.3; Canvas reads it in 1.1 too)


VERSIONS = {"1.1": Version("1.1", "v1p1"), "1.3": Version("1.3", "v1p3")}


def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, attrs)
    if text is not None:
        node.text = text
    return node


def xml_bytes(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


def topic(version: Version, title: str, html: str) -> bytes:
    """A discussion topic (imsdt): the prompt as students see it; facilitator notes never go here."""
    root = ET.Element("topic", {"xmlns": version.topic_ns})
    sub(root, "title", title)
    sub(root, "text", html, texttype="text/html")
    return xml_bytes(root)


def assignment(ident: str, title: str, html: str, points: str) -> bytes:
    """A graded online-text assignment; the model answer is for instructors and never goes here."""
    root = ET.Element("assignment", {"xmlns": ASSIGNMENT_NS, "identifier": ident})
    sub(root, "title", title)
    sub(root, "text", html, texttype="text/html")
    sub(root, "gradable", "true", points_possible=points)
    sub(sub(root, "submission_formats"), "format", type="html")
    return xml_bytes(root)
