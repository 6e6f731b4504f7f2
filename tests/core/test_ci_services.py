"""CI runs the suite on the real services (README.md, "Tests": REQUIRE_SERVICES)."""

import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_ci_runs_the_data_tests_on_postgresql():
    if os.environ.get("REQUIRE_SERVICES") != "1":
        pytest.skip("only CI (REQUIRE_SERVICES=1) demands PostgreSQL; locally SQLite is the default")
    assert connection.vendor == "postgresql"
