from apps.regulation.services import shipped_edition_ensure
from tests.access import COMPANY_WIDE, Case, everyone, only


def _clause(p):
    shipped_edition_ensure()
    return {"ref": "R7.3"}


ACCESS = {
    "regulation:overview": Case(expect=everyone()),
    "regulation:clause_detail": Case(kwargs=_clause, expect=everyone()),
    "regulation:summary_pdf": Case(expect=only(COMPANY_WIDE)),
}
