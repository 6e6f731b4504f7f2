import rules

from apps.core.permissions import is_active_user, is_company_wide

# Everyone reads the regulation; the evidence (records of every department) is for the safety officers
# and management, who answer the auditor's "show me that you do what your rules say".
rules.add_perm("regulation.view_clause", is_active_user)
rules.add_perm("regulation.view_evidence", is_company_wide)
