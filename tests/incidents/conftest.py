import pytest

from tests.emergency.factories import shipped_plan


@pytest.fixture(autouse=True)
def _shipped_plans(db):
    """The shipped plans exist even after a transactional (browser) test has flushed the database."""
    shipped_plan("fire")
