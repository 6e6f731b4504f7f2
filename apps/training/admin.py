"""Training in the operators' admin. Records that people's training status, certificates and exam results
rest on (assignments, attempts, records, attendance, the question bank's versions) are read-only: they
change only through the services, which check permission, keep the timeline and never rewrite a
question that attempts were scored against. Courses, requirements, sessions and plan lines may be
corrected here."""

from django.contrib import admin
from django.db import models

from apps.core.admin import ReadOnlyAdmin, ReadOnlyAdminMixin

from .models import (
    Assignment,
    AttemptQuestion,
    Completion,
    Course,
    Enrolment,
    Exam,
    ExamAttempt,
    Material,
    Option,
    PlanLine,
    Question,
    Requirement,
    TrainingSession,
)


class ExamInline(admin.StackedInline):
    model = Exam
    extra = 0


class MaterialInline(admin.TabularInline):
    model = Material
    extra = 0
    fields = ["position", "title", "title_zh", "url"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # as the app's material form


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "category", "method", "validity_months", "is_active"]
    list_filter = ["category", "method", "is_active"]
    search_fields = ["name", "name_zh", "code"]
    inlines = [ExamInline, MaterialInline]


class OptionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Option
    extra = 0


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    """Read-only: an edit is a new version (the app's question editor), past attempts keep theirs."""

    list_display = ["text", "kind", "course", "is_active", "previous_version"]
    list_filter = ["kind", "is_active", "course"]
    search_fields = ["text", "text_zh", "course__name", "course__code"]
    list_select_related = ["course"]
    inlines = [OptionInline]


@admin.register(Requirement)
class RequirementAdmin(admin.ModelAdmin):
    list_display = ["course", "trigger", "audience", "due_days", "is_active"]
    list_filter = ["trigger", "audience", "is_active"]
    search_fields = ["course__name", "course__code"]
    list_select_related = ["course"]


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ["person", "course", "reason", "status", "due_date", "assigned_by", "completed_at"]
    list_filter = ["status", "reason", "course"]
    search_fields = ["person__full_name", "person__username", "person__employee_number", "course__name"]
    list_select_related = ["person", "course", "assigned_by"]
    date_hierarchy = "due_date"


class EnrolmentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Enrolment
    extra = 0
    fields = ["person", "attended", "marked_by", "marked_at"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = ["course", "starts_at", "area", "trainer", "capacity"]
    list_filter = ["course"]
    search_fields = ["course__name", "trainer__full_name"]
    list_select_related = ["course", "area", "trainer"]
    date_hierarchy = "starts_at"
    inlines = [EnrolmentInline]


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdmin):
    list_display = ["person", "session", "attended", "marked_by", "marked_at"]
    list_filter = ["attended"]
    search_fields = ["person__full_name", "person__employee_number", "session__course__name"]
    list_select_related = ["person", "session__course", "marked_by"]


class AttemptQuestionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = AttemptQuestion
    extra = 0
    fields = ["position", "question", "selected", "answered_at", "is_correct"]


@admin.register(ExamAttempt)
class ExamAttemptAdmin(ReadOnlyAdmin):
    list_display = ["person", "exam", "number", "status", "started_at", "submitted_at", "score", "passed", "timed_out"]
    list_filter = ["status", "passed", "timed_out"]
    search_fields = ["person__full_name", "person__employee_number", "exam__course__name"]
    list_select_related = ["person", "exam__course"]
    date_hierarchy = "started_at"
    inlines = [AttemptQuestionInline]


@admin.register(Completion)
class CompletionAdmin(ReadOnlyAdmin):
    """Training records carry a certificate's verification code: corrected only by recording anew."""

    list_display = ["person", "course", "completed_on", "expires_on", "source", "score", "code"]
    list_filter = ["source", "course"]
    search_fields = ["person__full_name", "person__employee_number", "course__name", "code"]
    list_select_related = ["person", "course"]
    date_hierarchy = "completed_on"


@admin.register(PlanLine)
class PlanLineAdmin(admin.ModelAdmin):
    list_display = ["year", "month", "course", "method"]
    list_filter = ["year", "method"]
    list_select_related = ["course"]
