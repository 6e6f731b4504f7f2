import rules

from apps.core.permissions import is_active_user, is_management, is_officer, is_superuser

rules.add_perm("emergency.view_contingencyplan", is_active_user)
rules.add_perm("emergency.view_planversion", is_active_user)
rules.add_perm("emergency.manage_plan", is_officer)
rules.add_perm("emergency.approve_plan", is_management | is_superuser)
rules.add_perm("emergency.view_teammember", is_active_user)
rules.add_perm("emergency.manage_team", is_officer)
rules.add_perm("emergency.view_drill", is_active_user)
rules.add_perm("emergency.view_drillproblem", is_active_user)
rules.add_perm("emergency.manage_drill", is_officer)
