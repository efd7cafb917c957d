"""The published IMS schemas in ``schemas/`` (see its README), loaded offline, and what each checks.

- IMS Content Packaging 1.1.4 (``imscp114/imscp_v1p1.xsd``) with IMS Meta-data 1.2.1
  (``scorm12/imsmd_rootv1p2p1.xsd``), through xmlschema: the plain QTI package's manifest as it is; the
  cartridge's manifest with the Common Cartridge profile's namespace read as Content Packaging's own
  (the profile renames the namespace of a CP 1.2 manifest; CP 1.2 keeps CP 1.1's namespace and
  elements), which checks everything the profile inherits, not the profile's own restrictions.
- IMS QTI 1.2.1 ASI (``qti121/ims_qtiasiv1p2p1.dtd``), through lxml: every QTI file. A DTD knows no
  namespaces, so the file is read with its names local and its namespace attributes set aside; and the
  content of ``selection_extension``, QTI's declared extension point (``ANY``), which a DTD can only
  accept when the DTD itself declares the extension's elements.

Every import is mapped to a file here, so nothing is fetched.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import xmlschema
from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "schemas"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"


def _mapper(url: str) -> str:
    """The XML namespace's schema, wherever a schema names it (``xml.xsd``, ``ims_xml.xsd``), is the one
    xmlschema ships; ims_xml.xsd declares that namespace as its default, which XML parsers refuse."""
    if url.rsplit("/", 1)[-1] in ("xml.xsd", "ims_xml.xsd"):
        return (Path(xmlschema.__file__).parent / "schemas" / "XML" / "xml.xsd").as_uri()
    return url


@cache
def content_packaging() -> xmlschema.XMLSchema11:
    """CP 1.1.4 with IMS Meta-data 1.2.1. The metadata schema puts a wildcard after optional elements,
    which XSD 1.0's Unique Particle Attribution rule forbids and XSD 1.1 allows (the wildcard then
    matches only what the elements do not), so the pair is read by xmlschema's XSD 1.1 validator."""
    return xmlschema.XMLSchema11([str(SCHEMAS / "imscp114" / "imscp_v1p1.xsd"),
                                str(SCHEMAS / "scorm12" / "imsmd_rootv1p2p1.xsd")], uri_mapper=_mapper)


@cache
def qti_dtd() -> etree.DTD:
    return etree.DTD(str(SCHEMAS / "qti121" / "ims_qtiasiv1p2p1.dtd"))


def manifest_errors(data: bytes, namespace: str = CP_NS) -> list[str]:
    """Content Packaging 1.1.4 errors of a manifest whose package namespace is ``namespace``, each as
    '<path>: <reason>'."""
    root = ET.fromstring(data)
    if namespace != CP_NS:
        for node in root.iter():
            if node.tag.startswith("{" + namespace + "}"):
                node.tag = "{" + CP_NS + "}" + node.tag.split("}", 1)[1]
    text = ET.tostring(root, encoding="unicode")
    return [f"{error.path}: {error.reason}" for error in content_packaging().iter_errors(text)]


def qti_errors(data: bytes) -> list[str]:
    """QTI 1.2.1 DTD errors of one QTI file (``questestinterop``), each with its line."""
    doc = etree.fromstring(data)
    for node in list(doc.iter()):
        if not isinstance(node.tag, str):
            continue
        node.tag = etree.QName(node).localname
        for name in [n for n in node.attrib if n.startswith("{")]:
            del node.attrib[name]
        if node.tag == "selection_extension":
            node[:] = []
    etree.cleanup_namespaces(doc)
    dtd = qti_dtd()
    if dtd.validate(doc):
        return []
    return [f"line {e.line}: {e.message}" for e in dtd.error_log]
