import rules

from apps.core.permissions import (
    is_active_user,
    is_company_wide,
    is_head_of_object_department,
    is_officer,
)


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


can_see_incident = (
    is_company_wide | heads_incident_department | is_reporter | is_investigation_lead | owns_an_action | is_involved
)

rules.add_perm("incidents.view_incident", is_active_user & can_see_incident)
rules.add_perm("incidents.view_correctiveaction", is_active_user & can_see_incident)
rules.add_perm("incidents.report_incident", is_active_user)
rules.add_perm("incidents.respond_incident", is_officer)
rules.add_perm("incidents.investigate_incident", is_officer | is_investigation_lead)
rules.add_perm("incidents.close_incident", is_officer)
rules.add_perm("incidents.reopen_incident", is_officer)
rules.add_perm("incidents.complete_action", is_officer | is_action_owner)
rules.add_perm("incidents.check_action", is_officer)
rules.add_perm("incidents.raise_action_hazard", is_officer | is_investigation_lead)
rules.add_perm("incidents.publish_case_study", is_officer)
rules.add_perm("incidents.view_casestudy", is_active_user)
rules.add_perm("incidents.view_statistics", is_company_wide)
rules.add_perm("incidents.enter_hours", is_officer)
rules.add_perm("incidents.export_incidents", is_company_wide)
