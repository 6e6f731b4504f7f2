from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core import fields as core_fields
from apps.core.fields import FileField
from apps.core.permissions import department_scope
from apps.core.uploads import MATERIALS
from apps.core.workflow import MoveForm
from apps.organization.models import Area, Department, Post, User
from apps.organization.selectors import person_list
from apps.organization.widgets import PersonChoiceField

from .models import Course, Material, Option, PlanLine, Question, Requirement

MAX_OPTIONS = 6


def _pickable_people(user):
    """Active people ``user`` may pick: the same scope as ``organization:person_autocomplete``."""
    return person_list(user=user).filter(is_active=True)


class PersonField(PersonChoiceField):
    """The organisation's autocomplete person picker, with a message that says why a pick is refused."""

    default_error_messages = {
        "invalid_choice": _("Choose a person from the list; this person is not one you may pick."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", User.objects.none())  # the form narrows it to the user's scope
        kwargs.setdefault("help_text", _("Search by name or employee number."))
        super().__init__(**kwargs)


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = [
            "code",
            "name",
            "name_zh",
            "category",
            "method",
            "description",
            "description_zh",
            "duration_minutes",
            "validity_months",
            "is_active",
            "clauses",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "description_zh": forms.Textarea(attrs={"rows": 4}),
            "clauses": forms.SelectMultiple(attrs={"size": 6}),
        }
        labels = {"name": _("title (English)"), "name_zh": _("title (Chinese)")}
        field_classes = {"clauses": core_fields.ModelMultipleChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clauses"].queryset = self.fields["clauses"].queryset.filter(is_active=True).order_by("order")


class ExamForm(forms.Form):
    question_count = forms.IntegerField(label=_("questions per attempt"), min_value=1, max_value=200, initial=10)
    pass_mark = forms.IntegerField(label=_("pass mark (%)"), min_value=1, max_value=100, initial=80)
    time_limit_minutes = forms.IntegerField(label=_("time limit (minutes)"), min_value=1, max_value=600, initial=20)
    max_attempts = forms.IntegerField(label=_("attempt limit (0: no limit)"), min_value=0, max_value=50, initial=3)
    show_wrong_questions = forms.BooleanField(label=_("show wrong questions after submission"), required=False)
    show_correct_answers = forms.BooleanField(label=_("show the correct answers after submission"), required=False)


class MaterialForm(forms.ModelForm):
    url = forms.URLField(label=_("link"), required=False, assume_scheme="https")
    file = FileField(
        label=_("file"),
        required=False,
        allowed=MATERIALS,  # by content: SVG, HTML and programs are refused
        help_text=_("PDF, Word, Excel, PowerPoint, an image, an MP4 or WebM video, or plain text."),
    )

    class Meta:
        model = Material
        fields = ["title", "title_zh", "url", "text", "text_zh"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4}), "text_zh": forms.Textarea(attrs={"rows": 4})}


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=Question.Kind.choices)
    text = forms.CharField(label=_("question (English)"), widget=forms.Textarea(attrs={"rows": 2}))
    text_zh = forms.CharField(label=_("question (Chinese)"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    explanation = forms.CharField(
        label=_("explanation (English)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Shown after submission where the exam shows the correct answers."),
    )
    explanation_zh = forms.CharField(
        label=_("explanation (Chinese)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, question=None, **kwargs):
        if question is not None:
            kwargs["initial"] = {**self.initial_for(question), **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        length = Option._meta.get_field("text").max_length  # longer answers cannot be saved
        for i in range(1, MAX_OPTIONS + 1):
            self.fields[f"option_{i}"] = forms.CharField(
                label=_("answer %(n)d (English)") % {"n": i}, required=False, max_length=length
            )
            self.fields[f"option_{i}_zh"] = forms.CharField(
                label=_("answer %(n)d (Chinese)") % {"n": i}, required=False, max_length=length
            )
            self.fields[f"option_{i}_correct"] = forms.BooleanField(label=_("correct"), required=False)

    @staticmethod
    def initial_for(question):
        initial = {
            "kind": question.kind,
            "text": question.text,
            "text_zh": question.text_zh,
            "explanation": question.explanation,
            "explanation_zh": question.explanation_zh,
        }
        for i, option in enumerate(question.options.all()[:MAX_OPTIONS], start=1):
            initial[f"option_{i}"] = option.text
            initial[f"option_{i}_zh"] = option.text_zh
            initial[f"option_{i}_correct"] = option.is_correct
        return initial

    def option_rows(self):
        return [
            (self[f"option_{i}"], self[f"option_{i}_zh"], self[f"option_{i}_correct"])
            for i in range(1, MAX_OPTIONS + 1)
        ]

    def service_kwargs(self):
        """The keyword arguments question_create and question_update take from this form."""
        data = self.cleaned_data
        fields = ("kind", "text", "text_zh", "explanation", "explanation_zh")
        return {**{name: data[name] for name in fields}, "options": self.options()}

    def options(self):
        data = self.cleaned_data
        return [
            (data.get(f"option_{i}", ""), data.get(f"option_{i}_zh", ""), data.get(f"option_{i}_correct", False))
            for i in range(1, MAX_OPTIONS + 1)
        ]


class RequirementForm(forms.Form):
    course = forms.ModelChoiceField(label=_("course"), queryset=Course.objects.filter(is_active=True))
    trigger = forms.ChoiceField(label=_("when"), choices=Requirement.Trigger.choices)
    audience = forms.ChoiceField(label=_("who"), choices=Requirement.Audience.choices)
    departments = core_fields.ModelMultipleChoiceField(
        label=_("departments"), queryset=Department.objects.all(), required=False
    )
    posts = core_fields.ModelMultipleChoiceField(label=_("posts"), queryset=Post.objects.all(), required=False)
    due_days = forms.IntegerField(label=_("days to complete"), min_value=0, max_value=365, initial=14)
    renew_lead_days = forms.IntegerField(label=_("reassign days before expiry"), min_value=0, max_value=365, initial=30)


class AssignmentForm(forms.Form):
    """Assign a course to one picked person, or to everyone in a department or post the user may assign."""

    course = forms.ModelChoiceField(label=_("course"), queryset=Course.objects.filter(is_active=True))
    due_date = core_fields.DateField(label=_("due"), widget=forms.DateInput(attrs={"type": "date"}))
    person = PersonField(label=_("person"), required=False)
    department = forms.ModelChoiceField(
        label=_("everyone in department"), queryset=Department.objects.none(), required=False
    )
    post = forms.ModelChoiceField(
        label=_("everyone in post"),
        queryset=Post.objects.all(),
        required=False,
        help_text=_("Only people you may assign training to are included."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = _pickable_people(user)
        self.fields["person"].queryset = self.people
        scope = department_scope(user)
        departments = Department.objects.all()
        self.fields["department"].queryset = departments if scope is None else departments.filter(pk__in=scope)

    def clean(self):
        data = super().clean()
        group = [data["person"]] if data.get("person") else []
        if data.get("department"):
            group += list(self.people.filter(department=data["department"]))
        if data.get("post"):
            group += list(self.people.filter(post=data["post"]))
        unique = {u.pk: u for u in group}
        if not unique and not self.errors:
            raise forms.ValidationError(_("Choose a person, a department or a post."))
        data["group"] = list(unique.values())
        return data


class CompletionForm(forms.Form):
    person = PersonField(label=_("person"))
    course = forms.ModelChoiceField(label=_("course"), queryset=Course.objects.all())
    completed_on = core_fields.DateField(label=_("completed on"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = _pickable_people(user)


class SessionForm(forms.Form):
    course = forms.ModelChoiceField(label=_("course"), queryset=Course.objects.filter(is_active=True))
    starts_at = core_fields.DateTimeField(
        label=_("starts at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    duration_minutes = forms.IntegerField(label=_("duration (minutes)"), min_value=5, max_value=1440, initial=60)
    area = forms.ModelChoiceField(label=_("place"), queryset=Area.objects.filter(is_active=True), required=False)
    trainer = PersonField(label=_("trainer"), required=False)
    capacity = forms.IntegerField(label=_("capacity"), min_value=1, max_value=1000, initial=20)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainer"].queryset = _pickable_people(user)


class PlanLineForm(forms.ModelForm):
    class Meta:
        model = PlanLine
        fields = ["year", "month", "course", "method", "departments"]
        field_classes = {"year": core_fields.YearField, "departments": core_fields.ModelMultipleChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        self.fields["month"].widget = forms.Select(choices=[(m, m) for m in range(1, 13)])


class ExamAnswersForm(MoveForm):
    """The exam page's answers: one field per drawn question, ``q-<item id>``, whose values are the
    attempt's opaque answer tokens (the service maps them back to options and refuses anything else).
    Hands the service ``answers`` = {item id: [tokens]}."""

    def clean(self):
        data = super().clean()
        data["answers"] = {key[2:]: self.data.getlist(key) for key in self.data if key.startswith("q-")}
        return data

    def tokens_for(self, item_pk) -> set[str] | None:
        """The tokens posted for one question (to show a refused submission as it was filled in)."""
        if not self.is_bound:
            return None
        return set(self.data.getlist(f"q-{item_pk}"))
