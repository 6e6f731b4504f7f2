import datetime

from django.utils import timezone

from apps.incidents.models import CorrectiveAction, Incident
from tests.access import COMPANY_WIDE, LOGIN, OFFICERS, Case, everyone, only
from tests.emergency.factories import shipped_plan
from tests.incidents.factories import ActionFactory, IncidentFactory

# Seen by the reporter (employee), their head and company-wide roles; others get a 404.
VISIBLE = {
    "anonymous": LOGIN,
    "employee": 200,
    "outsider": 404,
    "head": 200,
    "other_head": 404,
    "officer": 200,
    "manager": 200,
}


def _post(ok_for, ok=302):
    """A write on the employee's incident: visible-but-forbidden is 403, invisible is 404."""
    return {
        "anonymous": LOGIN,
        "employee": ok if "employee" in ok_for else 403,
        "outsider": 404,
        "head": ok if "head" in ok_for else 403,
        "other_head": 404,
        "officer": ok if "officer" in ok_for else 403,
        "manager": ok if "manager" in ok_for else 403,
    }


def _incident(status=Incident.Status.REPORTED):
    def build(p):
        incident = IncidentFactory(reporter=p["employee"], status=status, root_cause="Wet floor")
        return {"pk": incident.pk}

    return build


def _action(status=CorrectiveAction.Status.OPEN):
    def build(p):
        incident = IncidentFactory(reporter=p["employee"], status=Incident.Status.ACTIONS)
        action = ActionFactory(incident=incident, owner=p["employee"], status=status, check_due=timezone.localdate())
        return {"pk": action.pk}

    return build


def _investigating_with_action(p):
    incident = IncidentFactory(reporter=p["employee"], status=Incident.Status.INVESTIGATING, root_cause="Wet floor")
    ActionFactory(incident=incident, owner=p["employee"])
    return {"pk": incident.pk}


def _case_study(p):
    from apps.incidents.services import case_study_publish

    incident = IncidentFactory(reporter=p["employee"], status=Incident.Status.CLOSED, root_cause="x")
    return {"pk": case_study_publish(incident=incident, user=p["officer"]).pk}


ACCESS = {
    "incidents:incident_list": Case(expect=everyone()),
    "incidents:incident_export": Case(expect=only(COMPANY_WIDE)),
    "incidents:incident_report": Case(expect=everyone()),
    "incidents:statistics": Case(expect=only(COMPANY_WIDE)),
    "incidents:hours_set": Case(
        method="post", data={"month": "2026-10", "hours": "16000"}, expect=only(OFFICERS, status=302)
    ),
    "incidents:case_study_list": Case(expect=everyone()),
    "incidents:case_study_detail": Case(kwargs=_case_study, expect=everyone()),
    "incidents:incident_detail": Case(kwargs=_incident(), expect=VISIBLE),
    "incidents:incident_pdf": Case(kwargs=_incident(), expect=VISIBLE),
    # The moves (one URL each, the generic move view): the state's move by whoever may make it.
    "incidents:incident_investigate": Case(method="post", kwargs=_incident(), expect=_post({"officer"})),
    "incidents:incident_start_actions": Case(
        method="post", kwargs=_investigating_with_action, expect=_post({"officer"})
    ),
    "incidents:incident_close": Case(
        method="post", kwargs=_incident(Incident.Status.INVESTIGATING), expect=_post({"officer"})
    ),
    "incidents:incident_reopen": Case(
        method="post",
        kwargs=_incident(Incident.Status.CLOSED),
        data={"reopen-comment": "New witness statement"},
        expect=_post({"officer"}),
    ),
    "incidents:incident_edit": Case(
        method="post",
        kwargs=_incident(Incident.Status.INVESTIGATING),
        data=lambda p, kw: {
            "type": "injury",
            "severity": "minor",
            "occurred_at": (timezone.localtime() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "description": "Corrected",
        },
        expect=_post({"officer"}),
    ),
    "incidents:incident_activate_plan": Case(
        method="post",
        kwargs=_incident(),
        data=lambda p, kw: {"plan": shipped_plan("fire").pk},
        expect=_post({"officer"}),
    ),
    "incidents:incident_assign_lead": Case(
        method="post", kwargs=_incident(), data=lambda p, kw: {"lead": p["officer"].pk}, expect=_post({"officer"})
    ),
    "incidents:incident_external": Case(
        method="post", kwargs=_incident(), data={"required": "no"}, expect=_post({"officer"})
    ),
    "incidents:incident_investigation": Case(
        method="post",
        kwargs=_incident(Incident.Status.INVESTIGATING),
        data={"cause_method": "categories", "cause_categories": ["environment"], "root_cause": "Wet floor"},
        expect=_post({"officer"}),
    ),
    "incidents:incident_event_add": Case(
        method="post",
        kwargs=_incident(Incident.Status.INVESTIGATING),
        data=lambda p, kw: {"happened_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "description": "Alarm"},
        expect=_post({"officer"}),
    ),
    "incidents:action_add": Case(
        method="post",
        kwargs=_incident(Incident.Status.INVESTIGATING),
        data=lambda p, kw: {
            "kind": "corrective",
            "description": "Mat",
            "owner": p["employee"].pk,
            "due_date": timezone.localdate().isoformat(),
        },
        expect=_post({"officer"}),
    ),
    "incidents:case_study_publish": Case(
        method="post", kwargs=_incident(Incident.Status.CLOSED), data={"title": ""}, expect=_post({"officer"})
    ),
    "incidents:correctiveaction_complete": Case(
        method="post",
        kwargs=_action(),
        data={"complete-evidence": "Mat in place"},
        expect=_post({"employee", "officer"}),
    ),
    "incidents:correctiveaction_confirm_effective": Case(
        method="post",
        kwargs=_action(CorrectiveAction.Status.DONE),
        data={"confirm_effective-comment": "No slips since"},
        expect=_post({"officer"}),
    ),
    "incidents:correctiveaction_not_effective": Case(
        method="post",
        kwargs=_action(CorrectiveAction.Status.DONE),
        data={"not_effective-comment": "Still slippery"},
        expect=_post({"officer"}),
    ),
    "incidents:correctiveaction_raise_hazard": Case(method="post", kwargs=_action(), expect=_post({"officer"})),
}
