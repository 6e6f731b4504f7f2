"""The demo's documents, campaign, regulation evidence and archive (seed_demo, whole demo: slow)."""

import csv
import hashlib
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from apps.archive.selectors import year_summary
from apps.documents.models import Campaign, Document, DocumentVersion
from apps.documents.selectors import campaign_counts
from apps.hazards.models import Hazard
from tests.archive.helpers import build, open_zip

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def demo(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("seed_demo", stdout=io.StringIO())


def test_the_demo_has_a_document_with_two_versions_and_a_campaign_in_progress(demo):
    fire = Document.objects.get(number="AQ-GL-001")
    assert list(fire.versions.order_by("number").values_list("status", flat=True)) == [
        DocumentVersion.Status.SUPERSEDED,
        DocumentVersion.Status.APPROVED,
    ]
    counts = campaign_counts(Campaign.objects.get(version=fire.current_version))
    assert 0 < counts["done"] < counts["total"]


def test_the_demo_r73_page_lists_its_hazard_loop_evidence(demo, client):
    from apps.organization.models import User

    client.force_login(User.objects.get(username="officer"))
    html = client.get("/regulation/R7.3/").content.decode()
    closed = Hazard.objects.filter(status="closed").order_by("-closed_at").first()
    assert 'data-provider="hazards"' in html and closed.number in html


def test_the_demo_years_archive_has_every_section_and_its_zip_matches_the_database(demo):
    from apps.organization.models import User

    year = timezone.localdate().year
    summary = {row["section"].key: row["count"] for row in year_summary(year=year)}
    assert all(summary.values()), summary
    zf = open_zip(build(user=User.objects.get(username="officer"), year=year))
    for key, count in summary.items():
        rows = list(csv.reader(io.StringIO(zf.read(f"{key}/{key}.csv").decode("utf-8-sig"))))
        assert len(rows) - 1 == count, key
    for path, size, _rows, sha in list(csv.reader(io.StringIO(zf.read("manifest.csv").decode("utf-8-sig"))))[1:]:
        assert hashlib.sha256(zf.read(path)).hexdigest() == sha and len(zf.read(path)) == int(size)
    assert any(name.startswith("documents/files/AQ-BD-003") for name in zf.namelist())
