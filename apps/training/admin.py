from django.contrib import admin

from .models import Course, Exam, Option, PlanLine, Question, Requirement, TrainingSession


class OptionInline(admin.TabularInline):
    model = Option
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "course", "is_active"]
    list_filter = ["course", "kind", "is_active"]
    search_fields = ["text", "text_zh"]
    inlines = [OptionInline]


class ExamInline(admin.StackedInline):
    model = Exam
    extra = 0


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "category", "method", "validity_months", "is_active"]
    list_filter = ["category", "method", "is_active"]
    search_fields = ["name", "name_zh", "code"]
    inlines = [ExamInline]


@admin.register(Requirement)
class RequirementAdmin(admin.ModelAdmin):
    list_display = ["course", "trigger", "audience", "due_days", "is_active"]
    list_filter = ["trigger", "audience", "is_active"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = ["course", "starts_at", "trainer", "capacity"]


@admin.register(PlanLine)
class PlanLineAdmin(admin.ModelAdmin):
    list_display = ["year", "month", "course", "method"]
    list_filter = ["year"]
