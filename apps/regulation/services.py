"""Loading an edition of the regulation. Clauses are matched by ``ref``: what points at a clause keeps
pointing at it, whatever the new edition says (docs/regulation.md, "The regulation in Anquan")."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.exceptions import ApplicationError

from .models import REF_RE, Clause, Edition, ref_sort_key

FIELDS = ("title_zh", "title", "text_zh", "text")


def parse_clauses_text(text: str) -> list[dict]:
    """The structured text of an edition, one clause per line:
    ``ref | 中文标题 | English title | 中文正文 | English text`` (empty parts allowed; a line starting
    with ``#`` is a comment). Raises ApplicationError naming the first bad line."""
    rows = []
    for n, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        parts += [""] * (5 - len(parts))
        if len(parts) > 5 or not REF_RE.match(parts[0]):
            raise ApplicationError(
                _("Line %(n)d: write “R7.3 | 中文标题 | English title | 中文正文 | English text”.") % {"n": n}
            )
        rows.append(dict(zip(("ref", *FIELDS), parts, strict=True)))
    return rows


def clauses_as_text(rows: list[dict]) -> str:
    return "\n".join(" | ".join([r["ref"], *(r.get(f, "") for f in FIELDS)]) for r in rows)


def validate_clauses(rows: list[dict]) -> list[dict]:
    """Check an edition: known ref shapes, no ref twice, every parent present, something to read."""
    if not rows:
        raise ApplicationError(_("An edition needs at least one clause."))
    seen = set()
    for row in rows:
        ref = row.get("ref", "")
        if not REF_RE.match(ref):
            raise ApplicationError(_("“%(ref)s” is not a clause id like R7.3.") % {"ref": ref})
        if ref in seen:
            raise ApplicationError(_("Clause %(ref)s appears twice.") % {"ref": ref})
        seen.add(ref)
    for ref in seen:
        parent = ref.rsplit(".", 1)[0] if "." in ref else None
        if parent and parent not in seen:
            raise ApplicationError(_("Clause %(ref)s has no parent %(parent)s.") % {"ref": ref, "parent": parent})
    return sorted(rows, key=lambda r: ref_sort_key(r["ref"]))


def edition_load(
    *,
    clauses: list[dict],
    label: str,
    title: str,
    title_zh: str = "",
    effective_date: datetime.date | None = None,
    user=None,
    source_url: str = "",
    flags: dict | None = None,
) -> Edition:
    """Make ``clauses`` the regulation in force. Existing clauses are updated in place (so every
    mapping survives), new refs are added, refs the edition no longer has are retired (kept, marked
    not in the current edition). ``flags`` may set ``informative``/``supplied``/``truncated`` ref sets.

    The permission is the caller's: the documents module loads an edition when management approves a
    new version of the regulation document.
    """
    rows = validate_clauses(clauses)
    flags = flags or {}
    with transaction.atomic():
        existing = {c.ref: c for c in Clause.objects.select_for_update()}
        saved: dict[str, Clause] = {}
        for order, row in enumerate(rows, start=1):
            ref = row["ref"]
            clause = existing.get(ref) or Clause(ref=ref)
            parent_ref = ref.rsplit(".", 1)[0] if "." in ref else None
            clause.parent = saved.get(parent_ref) if parent_ref else None
            clause.order = order * 10
            clause.depth = ref.count(".")
            for field in FIELDS:
                setattr(clause, field, row.get(field, "") or "")
            clause.is_active = True
            if "informative" in flags:
                clause.is_informative = ref in flags["informative"]
            if "supplied" in flags:
                clause.heading_supplied = ref in flags["supplied"]
            clause.is_truncated = ref in flags.get("truncated", ())
            clause.save()
            saved[ref] = clause
        Clause.objects.exclude(ref__in=saved).update(is_active=False)
        Edition.objects.filter(is_current=True).update(is_current=False)
        edition = Edition.objects.create(
            label=label,
            title=title,
            title_zh=title_zh,
            effective_date=effective_date,
            clauses=[{"ref": r["ref"], **{f: r.get(f, "") for f in FIELDS}} for r in rows],
            source_url=source_url,
            loaded_by=user,
        )
    return edition


def shipped_rows() -> list[dict]:
    from . import source

    return [dict(zip(("ref", *FIELDS), row, strict=True)) for row in source.CLAUSES]


def shipped_flags() -> dict:
    from . import source

    return {"informative": source.INFORMATIVE, "supplied": source.SUPPLIED, "truncated": source.TRUNCATED}


def shipped_edition_ensure() -> Edition:
    """The shipped edition (the data migration loads it; tests that flushed the database call this)."""
    from . import source

    current = Edition.objects.filter(is_current=True).first()
    if current is not None and Clause.objects.exists():
        return current
    return edition_load(
        clauses=shipped_rows(),
        label=source.EDITION,
        title=source.TITLE_EN,
        title_zh=source.TITLE_ZH,
        flags=shipped_flags(),
    )
