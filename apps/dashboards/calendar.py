"""The personal iCalendar feed (``/calendar/<token>.ics``): a person's inspections, drills, training
sessions and the safety meetings they are invited to, for any calendar app. The token in the URL is the
credential, so the feed needs no sign-in; it shows only the token owner's own events, in their language."""

import datetime

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from apps.core.i18n_messages import language_of
from apps.emergency.selectors import drills_for_calendar
from apps.inspections.selectors import inspections_for_calendar
from apps.organization.models import User
from apps.responsibilities.selectors import meetings_for_calendar
from apps.training.selectors import sessions_for_calendar

PAST_DAYS = 30  # keep recent events so a calendar does not lose them the day after


def _escape(text) -> str:
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 §3.1) without splitting a UTF-8 character."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode())
            current = b""
        current += encoded
    out.append(current.decode())
    return "\r\n ".join(out)


def _utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(uid, summary, *, start, end=None, all_day=False, location="", url=""):
    lines = ["BEGIN:VEVENT", f"UID:{uid}@anquan", f"DTSTAMP:{_utc(timezone.now())}"]
    if all_day:
        lines += [f"DTSTART;VALUE=DATE:{start:%Y%m%d}", f"DTEND;VALUE=DATE:{start + datetime.timedelta(days=1):%Y%m%d}"]
    else:
        lines += [f"DTSTART:{_utc(start)}", f"DTEND:{_utc(end)}"]
    lines.append(f"SUMMARY:{_escape(summary)}")
    if location:
        lines.append(f"LOCATION:{_escape(location)}")
    if url:
        lines.append(f"URL:{settings.SITE_URL}{url}")
    lines.append("END:VEVENT")
    return lines


def calendar_lines(person) -> list[str]:
    since_date = timezone.localdate() - datetime.timedelta(days=PAST_DAYS)
    since = timezone.now() - datetime.timedelta(days=PAST_DAYS)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Anquan//Workplace safety//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(_('Anquan safety: %(name)s') % {'name': person})}",
    ]
    for inspection in inspections_for_calendar(person=person, since=since_date):
        lines += _event(
            f"inspection-{inspection.pk}",
            _("Inspection: %(checklist)s") % {"checklist": inspection.template.display_name},
            start=inspection.due_date,
            all_day=True,
            location=str(inspection.scope or ""),
            url=inspection.get_absolute_url(),
        )
    for drill in drills_for_calendar(person=person, since=since):
        lines += _event(
            f"drill-{drill.pk}",
            _("Drill: %(plan)s") % {"plan": drill.plan},
            start=drill.planned_at,
            end=drill.planned_at + datetime.timedelta(hours=1),
            location=str(drill.site),
            url=drill.get_absolute_url(),
        )
    for session in sessions_for_calendar(person=person, since=since):
        lines += _event(
            f"training-session-{session.pk}",
            _("Training: %(course)s") % {"course": session.course},
            start=session.starts_at,
            end=session.starts_at + datetime.timedelta(minutes=session.duration_minutes),
            location=session.area.full_name if session.area else "",
            url=session.get_absolute_url(),
        )
    for meeting in meetings_for_calendar(person=person, since=since):
        lines += _event(
            f"meeting-{meeting.pk}",
            _("Safety meeting: %(title)s") % {"title": meeting.display_title},
            start=meeting.starts_at,
            end=meeting.ends_at,
            location=meeting.place,
            url=meeting.get_absolute_url(),
        )
    lines.append("END:VCALENDAR")
    return lines


@require_GET
def calendar_feed(request, token):
    person = get_object_or_404(User, calendar_token=token, is_active=True)
    with translation.override(language_of(person)):
        body = "\r\n".join(_fold(line) for line in calendar_lines(person)) + "\r\n"
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="anquan.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


def calendar_url(person) -> str:
    return settings.SITE_URL + reverse("calendar_feed", args=[person.calendar_token])
