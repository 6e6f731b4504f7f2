"""What the benchmark measures: personas, pages per role, exports, PDFs, periodic tasks, load journeys."""

from django.db.models import Count
from django.urls import reverse

ROLES = ("employee", "head", "officer", "manager")
FLOOR = "/accounts/profile/"


def personas():
    """The demo officer and manager (company-wide views) and, from the scale company, the head of its
    first department and one of that department's employees."""
    from apps.organization.models import Department, User

    head_department = Department.objects.filter(code__startswith="sc-").order_by("code").first()
    if head_department is None:
        raise SystemExit("No scale company in this database: run `manage.py seed_scale --employees N` first.")
    employee = (
        User.objects.filter(department=head_department, role=User.Role.EMPLOYEE, username__startswith="sc-")
        .exclude(pk=head_department.head_id)
        .order_by("username")
        .first()
    )
    return {
        "employee": employee,
        "head": head_department.head,
        "officer": User.objects.get(username="officer"),
        "manager": User.objects.get(username="manager"),
    }


def samples(people):
    """One representative record of each kind (pk), from the scale data."""
    from apps.documents.models import Campaign
    from apps.hazards.models import Hazard
    from apps.incidents.models import Incident
    from apps.inspections.models import Inspection
    from apps.regulation.models import Clause
    from apps.responsibilities.models import Meeting, Statement
    from apps.training.models import Completion

    head = people["head"]
    hazard = Hazard.objects.filter(number__startswith="SC-", department_id=head.department_id).order_by("pk").first()
    return {
        "hazard": hazard,
        "inspection": Inspection.objects.filter(status="finished", template__code="sc-building-walk")
        .order_by("pk")
        .first(),
        "incident": Incident.objects.filter(number__startswith="SC-INC-").order_by("pk").first(),
        "statement": Statement.objects.filter(person=people["employee"]).first(),
        "completion": Completion.objects.filter(person=people["employee"]).order_by("pk").first(),
        "meeting": Meeting.objects.order_by("pk").first(),
        # The campaign with the most acknowledgements (the scale company's); a section clause with evidence.
        "campaign": Campaign.objects.annotate(n=Count("acknowledgements")).order_by("-n", "pk").first(),
        "clause": Clause.objects.filter(is_active=True, ref="R6.2").first()
        or Clause.objects.filter(is_active=True, depth=1).order_by("order", "id").first(),
    }


def pages(s):
    """(label, url, roles)."""
    all_roles = ROLES
    staff = ("head", "officer", "manager")
    out = [
        ("home", "/", all_roles),
        ("inbox", reverse("notifications:inbox"), all_roles),
        ("organisation structure", reverse("organization:structure"), ("officer", "manager")),
        ("people list", reverse("organization:person_list"), ("officer", "manager")),
        ("hazard list", reverse("hazards:hazard_list"), all_roles),
        ("hazard list, filtered", reverse("hazards:hazard_list") + "?status=rectifying&category=fire", staff),
        ("hazard list, page 2000", reverse("hazards:hazard_list") + "?page=2000", ("officer",)),
        ("hazard map", reverse("hazards:hazard_map"), ("officer", "manager")),
        ("my hazard work", reverse("hazards:my_work"), all_roles),
        ("hazard report form", reverse("hazards:hazard_report"), ("employee",)),
        ("inspection list", reverse("inspections:inspection_list"), staff),
        ("inspection coverage", reverse("inspections:coverage"), ("officer", "manager")),
        ("inspection plans", reverse("inspections:plan_list"), ("officer",)),
        ("equipment", reverse("equipment:equipment_list"), ("officer",)),
        ("visitors", reverse("visitors:visit_list"), ("officer",)),
        ("courses", reverse("training:course_list"), all_roles),
        ("my training", reverse("training:my_training"), all_roles),
        ("team training", reverse("training:team"), ("head",)),
        ("training matrix", reverse("training:matrix"), ("head", "officer")),
        ("training assignments", reverse("training:assignment_list"), ("officer",)),
        ("training sessions", reverse("training:session_list"), ("officer",)),
        ("new hires", reverse("training:new_hires"), ("officer",)),
        ("incident list", reverse("incidents:incident_list"), ("officer", "manager")),
        ("incident statistics", reverse("incidents:statistics"), ("officer", "manager")),
        ("case studies", reverse("incidents:case_study_list"), all_roles),
        ("contingency plans", reverse("emergency:plan_list"), ("officer",)),
        ("emergency team", reverse("emergency:team"), ("officer",)),
        ("drills", reverse("emergency:drill_list"), ("officer",)),
        ("documents", reverse("documents:document_list"), all_roles),
        ("my acknowledgements", reverse("documents:my_acknowledgements"), ("employee",)),
        ("campaigns", reverse("documents:campaign_list"), ("officer",)),
        ("regulation overview", reverse("regulation:overview"), ("officer", "manager")),
        ("archive", reverse("archive:overview"), ("officer",)),
        ("objectives", reverse("responsibilities:objective_list"), ("officer", "manager")),
        ("statements", reverse("responsibilities:statement_list"), ("officer",)),
        ("statement status", reverse("responsibilities:statement_status"), ("officer", "manager")),
        ("meetings", reverse("responsibilities:meeting_list"), ("officer",)),
        ("action items", reverse("responsibilities:action_list"), ("officer",)),
    ]
    if s["hazard"]:
        out.append(("hazard detail", s["hazard"].get_absolute_url(), ("head", "officer", "manager")))
    if s["inspection"]:
        out.append(("inspection detail", s["inspection"].get_absolute_url(), ("officer",)))
    if s["incident"]:
        out.append(("incident detail", s["incident"].get_absolute_url(), ("officer",)))
    if s["campaign"]:
        out.append(("campaign status", reverse("documents:campaign_detail", args=[s["campaign"].pk]), ("officer",)))
    if s["clause"]:
        url = reverse("regulation:clause_detail", args=[s["clause"].ref])
        out.append(("regulation clause", url, ("officer", "manager")))
    return out


def exports():
    """(label, url, role)."""
    return [
        ("hazards/export.csv", reverse("hazards:hazard_export"), "officer"),
        ("incidents/export.csv", reverse("incidents:incident_export"), "officer"),
        ("people export", reverse("organization:person_export"), "officer"),
        ("training matrix export", reverse("training:matrix_export"), "officer"),
    ]


def pdfs(s):
    out = [
        ("emergency team roster", reverse("emergency:team_roster"), "officer"),
        ("regulation summary", reverse("regulation:summary_pdf"), "officer"),
    ]
    if s["hazard"]:
        out.append(("hazard notice", reverse("hazards:hazard_notice", args=[s["hazard"].pk]), "officer"))
    if s["inspection"]:
        out.append(
            ("inspection report", reverse("inspections:inspection_report", args=[s["inspection"].pk]), "officer")
        )
    if s["incident"]:
        out.append(("incident report", reverse("incidents:incident_pdf", args=[s["incident"].pk]), "officer"))
    if s["completion"]:
        out.append(("certificate", reverse("training:certificate_pdf", args=[s["completion"].pk]), "employee"))
    if s["statement"]:
        out.append(("statement", reverse("responsibilities:statement_pdf", args=[s["statement"].pk]), "employee"))
    if s["meeting"]:
        out.append(
            ("meeting minutes", reverse("responsibilities:meeting_minutes_pdf", args=[s["meeting"].pk]), "officer")
        )
    return out


def tasks():
    """The periodic tasks of ``config.schedules`` (name → the Celery task, called in-process)."""
    from config.schedules import SCHEDULES

    return sorted({entry["task"] for entry in SCHEDULES.values()})


# Load: what each role does in a visit (weights: how many of the visitors have the role).
JOURNEYS = {
    "employee": (70, ["/", "training:my_training", "hazards:hazard_list", "notifications:inbox", "hazards:my_work"]),
    "head": (15, ["/", "training:team", "hazards:hazard_list", "inspections:inspection_list", "training:matrix"]),
    "officer": (
        10,
        [
            "/",
            "hazards:hazard_list",
            "@hazard",
            "inspections:inspection_list",
            "training:matrix",
            "inspections:coverage",
            "hazards:hazard_map",
        ],
    ),
    "manager": (5, ["/", "incidents:statistics", "hazards:hazard_map", "hazards:hazard_list"]),
}
