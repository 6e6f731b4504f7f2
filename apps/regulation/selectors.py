"""Reads of the regulation: the clauses, and each clause's evidence status from every registered provider
(:mod:`apps.regulation.evidence`). The overview costs one query for the clauses plus each provider's fixed
number, whatever the number of records."""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict

from django.utils import timezone

from .evidence import AMBER, GREEN, NONE, RED, STATUS_LABELS, Finding, providers, worst
from .models import Clause, Edition


def clause_list(*, include_retired: bool = False):
    qs = Clause.objects.all() if include_retired else Clause.objects.filter(is_active=True)
    return qs.order_by("order", "id")


def clause_choices():
    """Active clauses for pickers (about a hundred rows)."""
    return clause_list().only("id", "ref", "title", "title_zh", "depth", "order")


def clause_by_ref(ref: str) -> Clause | None:
    return Clause.objects.filter(ref=(ref or "").strip()).first()


def clauses_by_refs(refs) -> dict[str, Clause]:
    refs = {r.strip() for r in refs if r and r.strip()}
    return {c.ref: c for c in Clause.objects.filter(ref__in=refs)} if refs else {}


def current_edition() -> Edition | None:
    return Edition.objects.filter(is_current=True).first()


@dataclasses.dataclass
class ClauseStatus:
    clause: Clause
    own: str
    status: str
    findings: list  # [(provider, Finding)]
    inherited: list = dataclasses.field(default_factory=list)  # findings of the part-of clause it relies on
    leaves: dict = dataclasses.field(default_factory=lambda: {GREEN: 0, AMBER: 0, RED: 0})

    @property
    def label(self):
        return STATUS_LABELS[self.status]

    @property
    def count(self):
        return sum(f.count for _p, f in self.findings)


def _findings(today) -> dict[str, list[tuple[object, Finding]]]:
    found = defaultdict(list)
    for provider in providers():
        for ref, finding in provider.summarise(today=today).items():
            found[ref].append((provider, finding))
    return found


def evidence_overview(*, today: datetime.date | None = None) -> list[ClauseStatus]:
    """Every clause in order with its status: its own (worst of its findings; red without any; none
    for an informative clause) and, for a parent, the worst of itself and its children."""
    today = today or timezone.localdate()
    clauses = list(clause_list())
    found = _findings(today)
    parents = {c.parent_id for c in clauses if c.parent_id}
    rows = {}
    for clause in clauses:
        findings = found.get(clause.ref, [])
        if findings:
            statuses = [f.status for _p, f in findings]
            own = worst(statuses)
            if own == RED and any(status != RED for status in statuses):
                own = AMBER  # some modules prove it, another has nothing yet: partial
        elif clause.is_informative or clause.pk in parents:
            own = NONE
        else:
            own = RED
        rows[clause.pk] = ClauseStatus(clause=clause, own=own, status=own, findings=findings)
    # A clause with no record of its own is proved by what proves its closest part-of clause (a checklist
    # citing R4.1 checks R4.1.1–R4.1.4); top-down, so the nearest ancestor wins.
    for clause in clauses:
        row = rows[clause.pk]
        parent = rows.get(clause.parent_id)
        leaf = not clause.is_informative and clause.pk not in parents
        if leaf and not row.findings and parent is not None and parent.findings:
            row.inherited = parent.findings
            row.own = row.status = worst(f.status for _p, f in parent.findings)
    # Bottom-up: a parent is the worst of itself and its children (deepest clauses first).
    for clause in sorted(clauses, key=lambda c: -c.depth):
        row = rows[clause.pk]
        if row.own != NONE and clause.pk not in parents:
            row.leaves[row.own] += 1
        parent = rows.get(clause.parent_id)
        if parent is not None:
            for key in (GREEN, AMBER, RED):
                parent.leaves[key] += row.leaves[key]
            if row.status != NONE:
                parent.status = row.status if parent.status == NONE else worst([parent.status, row.status])
    return [rows[c.pk] for c in clauses]


def clause_evidence(*, clause: Clause, today: datetime.date | None = None, limit: int = 50):
    """The status row of one clause and, per provider that knows the clause, its records."""
    today = today or timezone.localdate()
    overview = {row.clause.pk: row for row in evidence_overview(today=today)}
    row = overview.get(clause.pk)
    sections = []
    # A clause without records of its own shows those of the clause it is part of (see evidence_overview).
    source = clause.parent if row is not None and row.inherited else clause
    for provider, finding in (row.findings or row.inherited) if row else []:
        records = provider.records(ref=source.ref, today=today, limit=limit)
        sections.append({"provider": provider, "finding": finding, "records": records, "via": source})
    children = [overview[c.pk] for c in clause_list().filter(parent=clause) if c.pk in overview]
    return row, sections, children


def compliance_summary(*, today: datetime.date | None = None) -> dict:
    """Chapters and sections with their status and the count of leaf clauses per status (the PDF)."""
    rows = evidence_overview(today=today)
    leaves = {GREEN: 0, AMBER: 0, RED: 0}
    for row in rows:
        if row.clause.depth == 0:
            for key in leaves:
                leaves[key] += row.leaves[key]
    return {"rows": [r for r in rows if r.clause.depth <= 1], "totals": leaves, "all_rows": rows}
