"""Who may do what with controlled documents and campaigns. The moves' permissions
(``documents.<move>_documentversion``) come from ``workflow.py``."""

import rules

from apps.core.permissions import is_active_user, is_company_wide, is_department_head, is_management, is_officer


def _document(obj):
    return getattr(obj, "document", obj)


@rules.predicate
def is_head_of_owner_department(user, obj):
    document = _document(obj)
    return (
        document is not None
        and document.owner_department_id is not None
        and document.owner_department_id in user.headed_department_ids
    )


@rules.predicate
def is_author(user, version):
    return version is not None and version.prepared_by_id is not None and version.prepared_by_id == user.pk


@rules.predicate
def is_regulation(user, obj):
    document = _document(obj)
    return document is not None and document.category == "regulation"


# Safety officers write documents; a department head writes the ones their department owns. The
# regulation itself is the safety officers' to draft.
can_author = is_officer | (is_head_of_owner_department & ~is_regulation)
# Management approves; whoever wrote the version does not approve it (separation of duties).
can_approve = is_management & ~is_author
can_see_drafts = is_company_wide | is_head_of_owner_department

rules.add_perm("documents.list_documents", is_active_user)
rules.add_perm("documents.add_document", is_officer | is_department_head)
rules.add_perm("documents.change_document", can_author)
rules.add_perm("documents.view_document", is_active_user)
rules.add_perm("documents.view_drafts", can_see_drafts)
rules.add_perm("documents.view_documentversion", is_active_user)
rules.add_perm("documents.manage_campaigns", is_officer)
rules.add_perm("documents.view_campaign_status", is_company_wide)
rules.add_perm("documents.export_campaign", is_company_wide)
rules.add_perm("documents.view_department_pending", is_department_head | is_company_wide)
rules.add_perm("documents.view_campaign", is_active_user)
