from apps.archive.models import ArchiveExport
from tests.access import COMPANY_WIDE, Case, only
from tests.archive.helpers import build


def _ready(p):
    return {"pk": build(user=p["officer"], year=2026).pk}


ACCESS = {
    "archive:overview": Case(expect=only(COMPANY_WIDE)),
    "archive:export_request": Case(method="post", data={"year": 2026}, expect=only(COMPANY_WIDE, status=302)),
    "archive:export_detail": Case(
        kwargs=lambda p: {"pk": ArchiveExport.objects.create(year=2026, requested_by=p["officer"]).pk},
        expect=only(COMPANY_WIDE),
    ),
    "archive:export_download": Case(kwargs=_ready, expect=only(COMPANY_WIDE)),
}
