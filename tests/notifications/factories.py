import factory
from factory.django import DjangoModelFactory

from apps.notifications.models import Notification
from tests.organization.factories import UserFactory


class NotificationFactory(DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    key = factory.Sequence(lambda n: f"test:{n}")
    subject = factory.Sequence(lambda n: f"Reminder {n}")
    body = "Please have a look."
    url = "/notifications/"
