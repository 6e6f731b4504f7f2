import rules

from .permissions import is_active_user, is_officer

rules.add_perm("core.view_admin_tools", is_officer)
rules.add_perm("core.use_app", is_active_user)
