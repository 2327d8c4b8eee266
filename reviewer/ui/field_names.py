"""What the form calls each field, in one place: the sections' labels outside the pillars,
a pillar's five fields, and :func:`field_title` for a field named anywhere else (the Edit
menu's "Undo Edit incentive · Score").
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from reviewer.core.record.nodes import Path, format_path
from reviewer.ui import i18n

# (group, [(path, label, kind)]) for everything outside the pillars; the titles and labels
# are English, marked for translation (context FieldSections) and translated where shown.
SECTIONS: list[tuple[str, list[tuple[Path, str, str]]]] = [
    (QT_TRANSLATE_NOOP("FieldSections", "Policy"), [
        (("title",), QT_TRANSLATE_NOOP("FieldSections", "Title"), "text"),
        (("status",), QT_TRANSLATE_NOOP("FieldSections", "Status"), "choice"),
        (("category",), QT_TRANSLATE_NOOP("FieldSections", "Category"), "choice"),
        (("legalWeight",), QT_TRANSLATE_NOOP("FieldSections", "Legal weight"), "choice"),
        (("pubDate",), QT_TRANSLATE_NOOP("FieldSections", "Published"), "text"),
        (("year",), QT_TRANSLATE_NOOP("FieldSections", "Year"), "number"),
        (("country",), QT_TRANSLATE_NOOP("FieldSections", "Country"), "text"),
        (("scope",), QT_TRANSLATE_NOOP("FieldSections", "Scope"), "choice"),
        (("region",), QT_TRANSLATE_NOOP("FieldSections", "Region"), "text"),
        (("source",), QT_TRANSLATE_NOOP("FieldSections", "Issuer"), "text"),
        (("url",), QT_TRANSLATE_NOOP("FieldSections", "URL"), "text"),
        (("tags",), QT_TRANSLATE_NOOP("FieldSections", "Tags"), "list"),
        (("sectors",), QT_TRANSLATE_NOOP("FieldSections", "Sectors"), "list"),
        (("description",), QT_TRANSLATE_NOOP("FieldSections", "Description"), "multi")]),
    (QT_TRANSLATE_NOOP("FieldSections", "Impact analysis"), [
        (("impactAnalysis", "economic"), QT_TRANSLATE_NOOP("FieldSections", "Economic"), "multi"),
        (("impactAnalysis", "technical"), QT_TRANSLATE_NOOP("FieldSections", "Technical"), "multi"),
        (("impactAnalysis", "environmental"), QT_TRANSLATE_NOOP("FieldSections", "Environmental"), "multi")]),
    (QT_TRANSLATE_NOOP("FieldSections", "Implementation"), [
        (("implementationDetails", "authority"), QT_TRANSLATE_NOOP("FieldSections", "Authority"), "text"),
        (("implementationDetails", "mechanism"), QT_TRANSLATE_NOOP("FieldSections", "Mechanism"), "text"),
        (("implementationDetails", "fundingScale"), QT_TRANSLATE_NOOP("FieldSections", "Funding scale"),
         "text")]),
    (QT_TRANSLATE_NOOP("FieldSections", "Evolution"), [
        (("evolution", "supersedes"), QT_TRANSLATE_NOOP("FieldSections", "Supersedes"), "list"),
        (("evolution", "supersededBy"), QT_TRANSLATE_NOOP("FieldSections", "Superseded by"), "text"),
        (("evolution", "clusters"), QT_TRANSLATE_NOOP("FieldSections", "Clusters"), "list")]),
    (QT_TRANSLATE_NOOP("FieldSections", "Regulatory"), [
        (("regulatory", "co2_definition"), QT_TRANSLATE_NOOP("FieldSections", "Co2 definition"), "text"),
        (("regulatory", "cross_border_rules"), QT_TRANSLATE_NOOP("FieldSections", "Cross border rules"),
         "text"),
        (("regulatory", "financial_assurance"), QT_TRANSLATE_NOOP("FieldSections", "Financial assurance"),
         "text"),
        (("regulatory", "liability_period"), QT_TRANSLATE_NOOP("FieldSections", "Liability period"), "text"),
        (("regulatory", "liability_transfer"), QT_TRANSLATE_NOOP("FieldSections", "Liability transfer"),
         "text"),
        (("regulatory", "permitting_lead_time"), QT_TRANSLATE_NOOP("FieldSections", "Permitting lead time"),
         "text"),
        (("regulatory", "pore_space_rights"), QT_TRANSLATE_NOOP("FieldSections", "Pore space rights"),
         "text")]),
    (QT_TRANSLATE_NOOP("FieldSections", "Provenance"), [
        (("provenance", "author"), QT_TRANSLATE_NOOP("FieldSections", "Author"), "text"),
        (("provenance", "reviewer"), QT_TRANSLATE_NOOP("FieldSections", "Reviewer"), "text"),
        (("provenance", "lastAuditDate"), QT_TRANSLATE_NOOP("FieldSections", "Last audit"), "text")]),
]

# A pillar's fields in the card's order, as the card labels them (context PillarCard).
PILLAR_FIELDS = {"score": QT_TRANSLATE_NOOP("PillarCard", "Score"),
                 "label": QT_TRANSLATE_NOOP("PillarCard", "Label"),
                 "evidence": QT_TRANSLATE_NOOP("PillarCard", "Evidence"),
                 "citation": QT_TRANSLATE_NOOP("PillarCard", "Citation"),
                 "auditNote": QT_TRANSLATE_NOOP("PillarCard", "Audit note")}
_LABELS = {path: label for _title, rows in SECTIONS for path, label, _kind in rows}


def field_title(path: Path, config=None) -> str:
    """``path`` as the form names it, in the interface language: "incentive · Score",
    "Title"; a field the form does not show by its dotted path (data, as written)."""
    path = tuple(path)
    if len(path) == 3 and path[0] == "analysis" and path[2] in PILLAR_FIELDS:
        field = QCoreApplication.translate("PillarCard", PILLAR_FIELDS[path[2]])
        return f"{i18n.pillar_title(str(path[1]), config)} · {field}"
    if path in _LABELS:
        return QCoreApplication.translate("FieldSections", _LABELS[path])
    return format_path(path)
