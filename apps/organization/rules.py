import rules

from apps.core.permissions import (
    is_active_user,
    is_company_wide,
    is_department_head,
    is_head_of_object_department,
    is_officer,
)


@rules.predicate
def is_self(user, person):
    return person is not None and user.pk == person.pk


@rules.predicate
def heads_persons_department(user, person):
    return (
        person is not None and person.department_id is not None and person.department_id in user.headed_department_ids
    )


rules.add_perm("organization.view_structure", is_active_user)
rules.add_perm("organization.view_department", is_active_user)
rules.add_perm("organization.view_site", is_active_user)
rules.add_perm("organization.list_people", is_company_wide | is_department_head)
rules.add_perm("organization.view_user", is_self | is_company_wide | heads_persons_department)
rules.add_perm("organization.manage_people", is_officer)
rules.add_perm("organization.unlock_sign_in", is_officer)
rules.add_perm("organization.manage_structure", is_officer)
rules.add_perm("organization.import_people", is_officer)
rules.add_perm("organization.view_history", is_officer)
rules.add_perm("organization.view_members", is_company_wide | is_head_of_object_department)
# The company profile (letterhead): everyone signed in sees it (and its logo); officers edit it.
rules.add_perm("organization.view_companyprofile", is_active_user)
rules.add_perm("organization.manage_company", is_officer)
