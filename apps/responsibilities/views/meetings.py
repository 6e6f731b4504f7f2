from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.pagination import paginate
from apps.core.selectors import attachments_for, timeline_for
from apps.core.workflow_views import move_items
from apps.organization.widgets import PersonAutocompleteWidget

from .. import services
from ..filters import ActionFilterForm, MeetingFilterForm
from ..forms import AgendaItemForm, AttendanceForm, DecisionForm, InviteForm, MeetingForm
from ..models import Action, Invitation, Meeting
from ..pdf import minutes_pdf_response
from ..selectors import action_list, meeting_list, meeting_page_data
from ..workflow import ACTION_FLOW, MEETING_FLOW
from .common import require_perm, run

PAGE = 25


def visible_meetings(request):
    return meeting_list(user=request.user)


def visible_actions(request):
    return action_list(user=request.user)


@login_required
def meeting_list_view(request):
    filter_form = MeetingFilterForm(request.GET or None)
    page = paginate(request, filter_form.apply(visible_meetings(request)).order_by("-starts_at", "-id"), per_page=PAGE)
    context = {
        "page": page,
        "filter_form": filter_form,
        "can_add": request.user.has_perm("responsibilities.add_meeting"),
        "statuses": Meeting.Status.choices,
        "types": Meeting.Type.choices,
    }
    return render(request, "responsibilities/meeting_list.html", context)


@login_required
def meeting_create(request):
    require_perm(request, "responsibilities.add_meeting")
    form = MeetingForm(request.POST or None, user=request.user, initial={"chair": request.user.pk})
    if request.method == "POST":
        meeting = run(request, form, lambda data: services.meeting_create(user=request.user, **data))
        if meeting is not None:
            messages.success(request, _("Meeting drafted: invite people and add the agenda, then schedule it."))
            return redirect(meeting)
        return render(request, "responsibilities/meeting_form.html", {"form": form}, status=400)
    return render(request, "responsibilities/meeting_form.html", {"form": form})


@login_required
def meeting_edit(request, pk):
    meeting = get_object_or_404(visible_meetings(request), pk=pk)
    if not request.user.has_perm("responsibilities.edit_meeting_details", meeting):
        raise PermissionDenied
    initial = {f: getattr(meeting, f) for f in services.meetings.MEETING_FIELDS}
    initial["starts_at"] = timezone.localtime(meeting.starts_at)
    form = MeetingForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST":
        done = run(request, form, lambda data: services.meeting_update(meeting=meeting, user=request.user, **data))
        if done is not None:
            messages.success(request, _("Meeting saved."))
            return redirect(meeting)
        return render(request, "responsibilities/meeting_form.html", {"form": form, "meeting": meeting}, status=400)
    return render(request, "responsibilities/meeting_form.html", {"form": form, "meeting": meeting})


def _picker(name, person, url):
    """The person picker's context for a row (no query: the person is already loaded)."""
    return {"name": name, "value": person.pk if person else "", "label": str(person) if person else "", "url": url}


def meeting_page(request, meeting, *, bound_form=None, status=200, forms_bound=None, typed=None):
    """The meeting page; ``forms_bound`` (a refused form by name) and ``typed`` (a refused attendance row:
    ``{invitation id: posted values}``) show what was typed again."""
    user = request.user
    data = meeting_page_data(meeting)
    can_change = user.has_perm("responsibilities.change_meeting", meeting) and meeting.is_editable
    picker_url = str(PersonAutocompleteWidget().url)
    if can_change and meeting.status in (Meeting.Status.SCHEDULED, Meeting.Status.HELD):
        typed = typed or {}
        for inv in data["invitations"]:
            inv.delegate_picker = _picker(f"delegate-{inv.pk}", inv.delegate, picker_url)
            row = typed.get(inv.pk)
            if row is not None:  # show the refused row as typed
                inv.attendance, inv.absence_reason = row["attendance"], row["absence_reason"]
    forms_bound = forms_bound or {}
    context = {
        "meeting": meeting,
        **data,
        "can_change": can_change,
        "can_record_attendance": can_change and meeting.status in (Meeting.Status.SCHEDULED, Meeting.Status.HELD),
        "attendance_choices": Invitation.Attendance.choices,
        "invite_form": forms_bound.get("invite") or (InviteForm(user=user) if can_change else None),
        "agenda_form": forms_bound.get("agenda") or (AgendaItemForm(user=user) if can_change else None),
        "decision_form": forms_bound.get("decision") or (DecisionForm(user=user) if can_change else None),
        "moves": move_items(MEETING_FLOW, meeting, user, bound_form=bound_form),
        "timeline": timeline_for(meeting).order_by("-created_at", "-id")[:30],
        "can_edit": can_change and meeting.status in (Meeting.Status.DRAFT, Meeting.Status.SCHEDULED),
    }
    return render(request, "responsibilities/meeting_detail.html", context, status=status)


@login_required
def meeting_detail(request, pk):
    return meeting_page(request, get_object_or_404(visible_meetings(request), pk=pk))


def _changeable(request, pk):
    meeting = get_object_or_404(visible_meetings(request), pk=pk)
    require_perm(request, "responsibilities.change_meeting", meeting)
    return meeting


@login_required
@require_POST
def meeting_invite(request, pk):
    meeting = _changeable(request, pk)
    form = InviteForm(request.POST, user=request.user)
    added = run(request, form, lambda data: services.meeting_invite(meeting=meeting, user=request.user, **data))
    if added is not None:
        messages.success(request, _("%(n)s invited.") % {"n": added})
        return redirect(meeting)
    return meeting_page(request, meeting, forms_bound={"invite": form}, status=400)


@login_required
@require_POST
def meeting_attendance(request, pk, invitation_pk):
    meeting = _changeable(request, pk)
    invitation = get_object_or_404(Invitation.objects.select_related("meeting"), pk=invitation_pk, meeting=meeting)
    data = {
        "attendance": request.POST.get(f"attendance-{invitation.pk}", ""),
        "absence_reason": request.POST.get(f"reason-{invitation.pk}", ""),
        "delegate": request.POST.get(f"delegate-{invitation.pk}", ""),
    }
    form = AttendanceForm(data, user=request.user)
    done = run(
        request, form,
        lambda d: services.invitation_record_attendance(invitation=invitation, user=request.user, **d),
        success=_("Attendance of %(person)s recorded.") % {"person": invitation.person},
    )  # fmt: skip
    if done is None:
        errors = " ".join(str(e) for errs in form.errors.values() for e in errs)
        messages.error(request, f"{invitation.person}: {errors}")
        return meeting_page(request, meeting, status=400, typed={invitation.pk: data})
    return redirect(meeting.get_absolute_url() + "#attendance")


def _meeting_form_post(request, pk, *, name, form_class, service, success, anchor):
    """Add something to a meeting from one of its page's forms; refused, the page comes back with the
    form as typed."""
    meeting = _changeable(request, pk)
    form = form_class(request.POST, user=request.user)
    added = run(request, form, lambda data: service(meeting=meeting, user=request.user, **data), success=success)
    if added is not None:
        return redirect(meeting.get_absolute_url() + anchor)
    return meeting_page(request, meeting, forms_bound={name: form}, status=400)


@login_required
@require_POST
def meeting_agenda_add(request, pk):
    return _meeting_form_post(
        request, pk, name="agenda", form_class=AgendaItemForm, service=services.agenda_item_add,
        success=_("Agenda item added."), anchor="#agenda",
    )  # fmt: skip


@login_required
@require_POST
def meeting_decision_add(request, pk):
    return _meeting_form_post(
        request, pk, name="decision", form_class=DecisionForm, service=services.decision_add,
        success=_("Decision recorded."), anchor="#decisions",
    )  # fmt: skip


@login_required
def meeting_minutes_pdf(request, pk):
    """The minutes in the company's format (PDF), in the reader's language."""
    meeting = get_object_or_404(visible_meetings(request), pk=pk)
    return minutes_pdf_response(meeting, request)


# ---------------------------------------------------------------------------------------------- action items


@login_required
def action_list_view(request):
    """Action items: mine and open by default; ``?status=all`` or a status, ``?mine=`` for the others
    one may see (chair, organiser, officers, management)."""
    form = ActionFilterForm(request.GET or None)
    status = form.cleaned_data.get("status") if form.is_valid() else ""
    qs = visible_actions(request)
    if not request.GET or (form.is_valid() and form.cleaned_data.get("mine")):
        qs = qs.filter(owner=request.user)
    if status != "all":
        qs = qs.filter(status=status or Action.Status.OPEN)
    page = paginate(request, qs.order_by("due_date", "id"), per_page=PAGE)
    context = {"page": page, "status": status, "statuses": Action.Status.choices, "mine": not request.GET}
    return render(request, "responsibilities/action_list.html", context)


def action_page(request, action, *, bound_form=None, status=200):
    context = {
        "action": action,
        "evidence": list(attachments_for(action)),
        "moves": move_items(ACTION_FLOW, action, request.user, bound_form=bound_form),
        "timeline": timeline_for(action),
    }
    return render(request, "responsibilities/action_detail.html", context, status=status)


@login_required
def action_detail(request, pk):
    return action_page(request, get_object_or_404(visible_actions(request), pk=pk))
