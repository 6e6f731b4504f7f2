"""The company profile: the letterhead (names, address, phone, logo) officers keep in the app, with
``settings.COMPANY_NAME`` only as the fallback."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from apps.core.exceptions import ApplicationError, NotAllowed
from apps.core.selectors import attachments_for
from apps.organization import services
from apps.organization.context_processors import company as company_context
from apps.organization.models import CompanyProfile
from apps.organization.selectors import company_logo, company_profile
from tests.core.images import png_bytes
from tests.organization.factories import CompanyProfileFactory

pytestmark = pytest.mark.django_db

URL = reverse("organization:company_update")


def _logo(name="logo.png"):
    return SimpleUploadedFile(name, png_bytes(size=(120, 40)), content_type="image/png")


def _form_data(**overrides):
    data = {
        "name": "Antai Customer Service Co.",
        "name_zh": "安泰客服有限公司",
        "short_name": "Antai",
        "short_name_zh": "安泰",
        "address": "1888 Zhangjiang Road, Shanghai",
        "address_zh": "上海市浦东新区张江路 1888 号",
        "phone": "021-5080 1888",
    }
    return {**data, **overrides}


def test_without_a_profile_the_configured_company_name_stands_in(settings):
    settings.COMPANY_NAME = "Configured Co."
    profile = company_profile()
    assert profile.pk is None and profile.display_name == "Configured Co."


def test_the_name_is_shown_in_the_readers_language():
    profile = CompanyProfileFactory()
    with translation.override("zh-hans"):
        assert (profile.display_name, profile.display_short_name) == ("安泰客服有限公司", "安泰")
    with translation.override("en"):
        assert (profile.display_name, profile.display_short_name) == ("Antai Customer Service Co.", "Antai")


def test_an_officer_fills_in_the_profile_and_the_history_records_who(officer):
    services.company_profile_update(actor=officer, data={"name_zh": "安泰客服有限公司", "phone": "021-1"})
    profile = CompanyProfile.objects.get()
    assert (profile.name_zh, profile.phone) == ("安泰客服有限公司", "021-1")
    assert profile.history.latest().history_user == officer


def test_the_first_save_starts_from_the_configured_name(officer, settings):
    settings.COMPANY_NAME = "Configured Co."
    services.company_profile_update(actor=officer, data={"phone": "021-1"})
    assert CompanyProfile.objects.get().name == "Configured Co."


@pytest.mark.parametrize("persona", ["employee", "head", "manager"])
def test_only_safety_officers_may_change_the_profile(persona, personas):
    with pytest.raises(NotAllowed):
        services.company_profile_update(actor=personas[persona], data={"phone": "1"})
    assert not CompanyProfile.objects.exists()


def test_an_unknown_field_is_refused(officer):
    with pytest.raises(ApplicationError):
        services.company_profile_update(actor=officer, data={"singleton": False})


def test_a_new_logo_replaces_the_old_one(officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.company_profile_update(actor=officer, data={}, logo=_logo("first.png"))
    profile = CompanyProfile.objects.get()
    first = company_logo(profile)
    with django_capture_on_commit_callbacks(execute=True):
        services.company_profile_update(actor=officer, data={}, logo=_logo("second.png"))
    logos = list(attachments_for(profile, role=CompanyProfile.LOGO_ROLE))
    assert len(logos) == 1 and logos[0].pk != first.pk
    assert not first.file.storage.exists(first.file.name)


def test_removing_the_logo_leaves_the_letterhead_without_one(officer):
    services.company_profile_update(actor=officer, data={}, logo=_logo())
    services.company_profile_update(actor=officer, data={}, remove_logo=True)
    assert company_logo(CompanyProfile.objects.get()) is None


def test_a_file_that_is_not_an_image_is_refused_by_the_service(officer):
    fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", content_type="image/png")
    with pytest.raises(ApplicationError):
        services.company_profile_update(actor=officer, data={"phone": "1"}, logo=fake)
    assert not CompanyProfile.objects.exists()  # nothing half-saved


def test_the_officer_saves_the_form_with_a_logo_and_returns_to_the_structure_page(client, officer):
    client.force_login(officer)
    response = client.post(URL, {**_form_data(), "logo": _logo()})
    assert response.status_code == 302 and response["Location"].endswith("#company")
    profile = CompanyProfile.objects.get()
    assert profile.name_zh == "安泰客服有限公司" and company_logo(profile) is not None


def test_a_refused_logo_re_renders_the_form_with_what_was_typed(client, officer):
    client.force_login(officer)
    fake = SimpleUploadedFile("logo.png", b"not an image", content_type="image/png")
    response = client.post(URL, {**_form_data(name_zh="新名称有限公司"), "logo": fake})
    assert response.status_code == 200
    assert "logo" in response.context["form"].errors
    assert "新名称有限公司" in response.content.decode()
    assert not CompanyProfile.objects.exists()


def test_an_empty_name_is_a_field_error(client, officer):
    client.force_login(officer)
    response = client.post(URL, _form_data(name=""))
    assert response.status_code == 200 and "name" in response.context["form"].errors


def test_the_structure_page_shows_the_company_and_its_logo(client, employee, officer):
    services.company_profile_update(actor=officer, data=_form_data(), logo=_logo())
    employee.language = "zh-hans"
    employee.save()
    client.force_login(employee)
    html = client.get(reverse("organization:structure")).content.decode()
    logo = company_logo(CompanyProfile.objects.get())
    assert "安泰客服有限公司" in html and "上海市浦东新区张江路 1888 号" in html
    assert reverse("core:attachment_thumb", args=[logo.token]) in html


def test_every_signed_in_person_may_see_the_logo(client, employee, officer):
    services.company_profile_update(actor=officer, data={}, logo=_logo())
    client.force_login(employee)
    logo = company_logo(CompanyProfile.objects.get())
    assert client.get(reverse("core:attachment", args=[logo.token])).status_code == 200


def test_pages_show_the_short_name_in_the_readers_language(client, employee):
    CompanyProfileFactory()
    employee.language = "zh-hans"
    employee.save()
    client.force_login(employee)
    html = client.get(reverse("home")).content.decode()
    assert 'id="company-name">安泰</span>' in html
    assert "· 安泰 ·" in html.split("<title>")[1].split("</title>")[0]


def test_the_company_is_read_at_most_once_per_request():
    CompanyProfileFactory()
    request = RequestFactory().get("/")
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):  # three templates rendered in one request each run the context processor
            context = company_context(request)
            str(context["COMPANY_NAME"]), str(context["COMPANY_SHORT_NAME"])
    assert len(queries) == 1


def test_a_page_that_does_not_show_the_company_makes_no_query_for_it():
    CompanyProfileFactory()
    with CaptureQueriesContext(connection) as queries:
        company_context(RequestFactory().get("/"))
    assert len(queries) == 0


def test_the_sign_in_link_email_names_the_company_in_the_persons_language(officer, employee, mailoutbox):
    from django.test import TestCase

    CompanyProfileFactory()
    employee.email = "lina@example.com"
    employee.language = "zh-hans"
    employee.save()
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.person_send_sign_in_link(actor=officer, person=employee)
    assert "安泰客服有限公司" in mailoutbox[0].subject


def test_a_page_showing_the_company_twice_reads_it_once(client, employee):
    CompanyProfileFactory()
    client.force_login(employee)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("organization:structure"))  # the company card and the navigation bar
    reads = [q["sql"] for q in queries.captured_queries if 'FROM "organization_companyprofile"' in q["sql"]]
    assert len(reads) == 1
