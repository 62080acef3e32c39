"""``check-report --fix``: a cleaned copy of an officer's Word report, the original untouched.

Comments, hidden text and personal metadata are removed; tracked changes are accepted only when
asked (``accept_changes``), otherwise left for the author and counted. The package is rewritten
part by part: every part that needs no change is copied byte for byte, and in the parts that do
change only the defects go (the text of ``word/document.xml`` is otherwise the same).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from builder.config.report_format import ReportFormat
from builder.data.docx_package import NS, parse_part, read_parts, serialize, w
from builder.inspection.hidden_runs import hidden_runs, hiding_styles
from builder.inspection.report_document import ReportDocument, is_on
from builder.inspection.report_hygiene import (
    CHANGES,
    COMMENT_MARKS,
    CUSTOM_PART,
    FORMAT_CHANGES,
    PersonalField,
    personal_fields,
)
from builder.outputs import atomic_file

COMMENT_PARTS = ("word/comments.xml", "word/commentsExtended.xml", "word/commentsIds.xml",
                 "word/commentsExtensible.xml")


@dataclass(frozen=True)
class Cleaned:
    """What the cleaned copy lost, and what was left for the author."""

    path: Path
    removed: tuple[str, ...]
    """e.g. '2 comments', 'hidden text in 1 run', 'author', '3 tracked changes accepted'."""
    left: tuple[str, ...]
    """e.g. '3 tracked changes (accept them with --accept-changes, or ask the author)'."""


def cleaned_name(source: Path) -> Path:
    """``NAME.cleaned.docx`` beside ``NAME.docx``."""
    return source.with_name(f"{source.stem}.cleaned{source.suffix}")


def clean_report(source: Path, target: Path, fmt: ReportFormat, accept_changes: bool = False
                 ) -> Cleaned:
    """Write the cleaned copy of ``source`` to ``target`` (see the module doc); the personal
    metadata removed is what ``check-report`` reports against ``fmt``."""
    if target.resolve() == source.resolve():
        raise ValueError("the cleaned copy would replace the original; name another file")
    parts = read_parts(source)
    personal = personal_fields(ReportDocument(source), fmt)
    changed: dict[str, bytes] = {}
    dropped: set[str] = set()
    removed: list[str] = []
    left: list[str] = []
    changes = 0
    styles = parts.get("word/styles.xml")
    hiding = hiding_styles(parse_part("word/styles.xml", styles) if styles else None)
    for name in _content_parts(parts):
        tree = parse_part(name, parts[name])
        counts = (_drop_comment_marks(tree), _drop_hidden(tree, hiding))
        tracked = len(list(tree.iter(*(w(k) for k in (*CHANGES, *FORMAT_CHANGES)))))
        if accept_changes and tracked:
            _accept(tree)
        changes += tracked
        if any(counts) or (accept_changes and tracked):
            changed[name] = serialize(tree)
        removed += _counted(counts[0], "comment mark") + _counted(counts[1], "hidden run")
    comments = [n for n in COMMENT_PARTS if n in parts]
    if comments:
        dropped.update(comments)
        listed = parse_part(COMMENT_PARTS[0], parts[COMMENT_PARTS[0]]) \
            if COMMENT_PARTS[0] in parts else None
        removed += _counted(len(list(listed.iter(w("comment")))) if listed is not None else 0,
                            "comment")
    if changes:
        (removed if accept_changes else left).append(
            f"{changes} tracked change{'s' if changes > 1 else ''} accepted" if accept_changes
            else f"{changes} tracked change{'s' if changes > 1 else ''} (accept them with "
                 "--accept-changes, or ask the author)")
    removed += _strip_metadata(parts, changed, personal)
    if CUSTOM_PART in parts:
        dropped.add(CUSTOM_PART)
        removed.append("custom properties")
    if dropped:
        _unregister(parts, changed, dropped)
    _write(source, target, changed, dropped)
    return Cleaned(target, tuple(removed), tuple(left))


def _content_parts(parts: dict[str, bytes]) -> list[str]:
    return [n for n in parts if n == "word/document.xml" or (
        n.startswith("word/") and n.endswith(".xml") and "/" not in n[5:] and
        n[5:].startswith(("header", "footer", "footnotes", "endnotes")))]


def _counted(n: int, noun: str) -> list[str]:
    return [f"{n} {noun}{'s' if n > 1 else ''}"] if n else []


def _remove(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def _unwrap(element: etree._Element) -> None:
    """Replace ``element`` by its children."""
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def _drop_comment_marks(tree: etree._Element) -> int:
    marks = list(tree.iter(*(w(k) for k in COMMENT_MARKS)))
    for mark in marks:
        run = mark.getparent()
        _remove(mark)
        if run is not None and run.tag == w("r") and all(c.tag == w("rPr") for c in run):
            _remove(run)
    return sum(1 for m in marks if m.tag == w("commentReference"))


def _drop_hidden(tree: etree._Element, hiding: frozenset[str]) -> int:
    """Remove hidden runs (hidden by themselves or by a style in ``hiding``); a paragraph whose
    mark is hidden and that is left empty goes too."""
    runs = hidden_runs(tree, hiding)
    for run in runs:
        _remove(run)
    for paragraph in list(tree.iter(w("p"))):
        mark = paragraph.find(f"{w('pPr')}/{w('rPr')}/{w('vanish')}")
        if not is_on(mark):
            continue
        parent = paragraph.getparent()
        siblings = [] if parent is None else parent.findall(w("p"))
        if paragraph.find(f".//{w('t')}") is None and len(siblings) > 1:
            _remove(paragraph)
        elif mark is not None:
            _remove(mark)
    return len(runs)


def _accept(tree: etree._Element) -> None:
    """Accept every tracked change: keep insertions and moves in, drop deletions and moves
    out, keep the current formatting (drop the record of the old)."""
    for name in FORMAT_CHANGES:
        for element in list(tree.iter(w(name))):
            _remove(element)
    for row in list(tree.iter(w("tr"))):
        if row.find(f"{w('trPr')}/{w('del')}") is not None:
            _remove(row)
    for mark in list(tree.iter(w("del"))):
        if _parent_tag(mark) == w("rPr") and _parent_tag(mark.getparent()) == w("pPr"):
            _join_next(mark.getparent().getparent().getparent())  # type: ignore[union-attr]
            _remove(mark)
    for name in ("del", "moveFrom"):
        for element in list(tree.iter(w(name))):
            _remove(element)
    for name in ("ins", "moveTo"):
        for element in list(tree.iter(w(name))):
            if _parent_tag(element) in (w("rPr"), w("trPr")):
                _remove(element)  # an inserted paragraph mark or row: simply kept
            else:
                _unwrap(element)
    for name in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
                 "moveToRangeEnd"):
        for element in list(tree.iter(w(name))):
            _remove(element)


def _parent_tag(element: etree._Element | None) -> str | None:
    parent = element.getparent() if element is not None else None
    return None if parent is None else str(parent.tag)


def _join_next(paragraph: etree._Element | None) -> None:
    """A deleted paragraph mark: the paragraph's content runs on into the next paragraph."""
    if paragraph is None:
        return
    following = paragraph.getnext()
    if following is None or following.tag != w("p"):
        return
    content = [c for c in paragraph if c.tag != w("pPr")]
    anchor = following.find(w("pPr"))
    index = 0 if anchor is None else following.index(anchor) + 1
    for offset, child in enumerate(content):
        following.insert(index + offset, child)
    _remove(paragraph)


def _strip_metadata(parts: dict[str, bytes], changed: dict[str, bytes],
                    personal: list[PersonalField]) -> list[str]:
    for name in dict.fromkeys(f.part for f in personal):
        tree = parse_part(name, parts[name])
        for field in (f for f in personal if f.part == name):
            element = tree.find(field.path, NS)
            if element is not None:
                element.text = None
        changed[name] = serialize(tree)
    return [f.label for f in personal]


def _unregister(parts: dict[str, bytes], changed: dict[str, bytes], dropped: set[str]) -> None:
    """Take dropped parts out of ``[Content_Types].xml`` and the relationships naming them."""
    types = parse_part("[Content_Types].xml", parts["[Content_Types].xml"])
    for override in types.findall("ct:Override", NS):
        if (override.get("PartName") or "").lstrip("/") in dropped:
            _remove(override)
    changed["[Content_Types].xml"] = serialize(types)
    for rels_name in ("_rels/.rels", "word/_rels/document.xml.rels"):
        if rels_name not in parts:
            continue
        rels = parse_part(rels_name, parts[rels_name])
        base = "" if rels_name == "_rels/.rels" else "word/"
        hit = False
        for rel in rels.findall("rel:Relationship", NS):
            target = (rel.get("Target") or "").lstrip("/")
            if target in dropped or base + target in dropped:
                _remove(rel)
                hit = True
        if hit:
            changed[rels_name] = serialize(rels)


def _write(source: Path, target: Path, changed: dict[str, bytes], dropped: set[str]) -> None:
    with zipfile.ZipFile(source) as original, atomic_file(target) as tmp, \
            zipfile.ZipFile(tmp, "w") as out:
        for info in original.infolist():
            if info.filename in dropped:
                continue
            data = changed.get(info.filename)
            out.writestr(info, original.read(info) if data is None else data)
