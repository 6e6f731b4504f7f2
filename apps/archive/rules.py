import rules

from apps.core.permissions import is_company_wide

# The archive (R2.2.6) is the safety officers' and management's: every department's records, exportable.
rules.add_perm("archive.view_archive", is_company_wide)
rules.add_perm("archive.export_archive", is_company_wide)
