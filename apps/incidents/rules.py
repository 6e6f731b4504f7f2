import rules

from apps.core.permissions import (
    is_active_user,
    is_company_wide,
    is_head_of_object_department,
    is_officer,
)

from .models import InvolvedPerson


def _incident(obj):
    """The incident an object belongs to (an incident itself, an action, a person involved)."""
    if obj is None:
        return None
    return getattr(obj, "incident", obj) if obj.__class__.__name__ != "Incident" else obj


@rules.predicate
def is_reporter(user, incident):
    incident = _incident(incident)
    return incident is not None and incident.reporter_id == user.pk


@rules.predicate
def is_investigation_lead(user, obj):
    incident = _incident(obj)
    return incident is not None and incident.lead_id is not None and incident.lead_id == user.pk


@rules.predicate
def is_involved(user, incident):
    incident = _incident(incident)
    return incident is not None and incident.people.filter(person_id=user.pk).exists()


@rules.predicate
def owns_an_action(user, incident):
    incident = _incident(incident)
    return incident is not None and incident.actions.filter(owner_id=user.pk).exists()


@rules.predicate
def is_action_owner(user, action):
    return action is not None and action.owner_id == user.pk


@rules.predicate
def heads_incident_department(user, obj):
    return is_head_of_object_department(user, _incident(obj))


def _injured(incident):
    """The injured people of an incident, from its (usually prefetched) people."""
    return [p for p in incident.people.all() if p.role == InvolvedPerson.Role.INJURED and p.person_id]


@rules.predicate
def is_injured(user, obj):
    incident = _incident(obj)
    return incident is not None and any(p.person_id == user.pk for p in _injured(incident))


@rules.predicate
def heads_an_injured_persons_department(user, obj):
    incident = _incident(obj)
    headed = set(user.headed_department_ids) if incident is not None and is_active_user(user) else set()
    return bool(headed) and any(p.person.department_id in headed for p in _injured(incident))


@rules.predicate
def incident_is_open(user, obj):
    """The incident (of an action) is not closed: a closed incident is locked until it is reopened."""
    incident = _incident(obj)
    return incident is not None and incident.is_open


@rules.predicate
def did_the_work(user, action):
    """The action's owner, or whoever marked it done: they do not judge their own work."""
    return action is not None and user.pk in (action.owner_id, action.completed_by_id)


can_see_incident = (
    is_company_wide
    | heads_incident_department
    | is_reporter
    | is_investigation_lead
    | owns_an_action
    | is_involved
    | heads_an_injured_persons_department
)
# Injuries, treatment and lost days are medical details, shown on a need-to-know basis: the reporter,
# the injured, their department heads, safety officers and management. Everyone else who may see the
# incident (an action owner from another department, a witness, an investigation lead who is not an
# officer) sees it redacted.
may_view_medical_details = (
    is_company_wide | is_reporter | heads_incident_department | is_injured | heads_an_injured_persons_department
)

rules.add_perm("incidents.view_incident", is_active_user & can_see_incident)
rules.add_perm("incidents.view_correctiveaction", is_active_user & can_see_incident)
rules.add_perm("incidents.view_medical_details", is_active_user & may_view_medical_details)
rules.add_perm("incidents.report_incident", is_active_user)
rules.add_perm("incidents.respond_incident", is_officer)
# Correct the report and work on the investigation (events, causes, actions). The moves of the incident
# and of its actions (incidents.<move>_incident, incidents.<move>_correctiveaction) are declared in
# workflow.py with their rules.
rules.add_perm("incidents.investigate", is_officer | is_investigation_lead)
rules.add_perm("incidents.publish_case_study", is_officer)
rules.add_perm("incidents.view_casestudy", is_active_user)
rules.add_perm("incidents.view_statistics", is_company_wide)
rules.add_perm("incidents.enter_hours", is_officer)
rules.add_perm("incidents.export_incidents", is_company_wide)
