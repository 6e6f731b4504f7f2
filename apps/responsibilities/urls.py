"""/responsibilities/ (stable URLs, docs/architecture.md): objectives, budget, plan, meetings and
action items, statements. Each model's moves are mounted with ``FLOW.urlpatterns`` under its prefix:
``responsibilities:<model>_<move>`` at ``<prefix><pk>/<move-name>/``."""

from django.urls import include, path

from .views import budget, meetings, objectives, plan, statements
from .workflow import (
    ACTION_FLOW,
    BUDGET_FLOW,
    MEETING_FLOW,
    OBJECTIVE_FLOW,
    SPENDING_FLOW,
    STATEMENT_FLOW,
    TASK_FLOW,
    WORKPLAN_FLOW,
)

app_name = "responsibilities"
urlpatterns = [
    # Objectives (R2.1.1): the module's front page.
    path("", objectives.objective_list_view, name="objective_list"),
    path("objectives/new/", objectives.objective_create, name="objective_create"),
    path("objectives/<int:pk>/", objectives.objective_detail, name="objective_detail"),
    path("objectives/<int:pk>/edit/", objectives.objective_edit, name="objective_edit"),
    path("objectives/<int:pk>/figures/", objectives.objective_figure_add, name="objective_figure_add"),
    path("objectives/", include(OBJECTIVE_FLOW.urlpatterns(
        queryset=objectives.visible_objectives, render_detail=objectives.objective_page))),
    # Budget (R2.1.2).
    path("budget/", budget.budget_overview, name="budget_overview"),
    path("budget/new/", budget.budget_create, name="budget_create"),
    path("budget/<int:pk>/", budget.budget_detail, name="budget_detail"),
    path("budget/<int:pk>/lines/", budget.budget_line_add, name="budget_line_add"),
    path("budget/<int:pk>/spending/", budget.spending_add, name="spending_add"),
    path("budget/lines/<int:pk>/remove/", budget.budget_line_remove, name="budget_line_remove"),
    path("budget/spending/<int:pk>/", budget.spending_detail, name="spending_detail"),
    path("budget/funds/<int:type_id>/<int:object_id>/", budget.funds_draw, name="funds_draw"),
    path("budget/", include(BUDGET_FLOW.urlpatterns(
        queryset=budget.visible_budgets, render_detail=budget.budget_page))),
    path("budget/spending/", include(SPENDING_FLOW.urlpatterns(
        queryset=budget.visible_spending, render_detail=budget.spending_page))),
    # Annual safety work plan (R2.2.2).
    path("plan/", plan.plan_overview, name="plan_overview"),
    path("plan/new/", plan.plan_create, name="plan_create"),
    path("plan/<int:pk>/", plan.plan_detail, name="plan_detail"),
    path("plan/<int:pk>/tasks/", plan.task_add, name="task_add"),
    path("plan/tasks/<int:pk>/", plan.task_detail, name="task_detail"),
    path("plan/tasks/<int:pk>/remove/", plan.task_remove, name="task_remove"),
    path("plan/", include(WORKPLAN_FLOW.urlpatterns(queryset=plan.visible_plans, render_detail=plan.plan_page))),
    path("plan/tasks/", include(TASK_FLOW.urlpatterns(queryset=plan.visible_tasks, render_detail=plan.task_page))),
    # Safety meetings and action items (R2.1.3).
    path("meetings/", meetings.meeting_list_view, name="meeting_list"),
    path("meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/invite/", meetings.meeting_invite, name="meeting_invite"),
    path("meetings/<int:pk>/attendance/<int:invitation_pk>/", meetings.meeting_attendance, name="meeting_attendance"),
    path("meetings/<int:pk>/agenda/", meetings.meeting_agenda_add, name="meeting_agenda_add"),
    path("meetings/<int:pk>/decisions/", meetings.meeting_decision_add, name="meeting_decision_add"),
    path("meetings/<int:pk>/minutes.pdf", meetings.meeting_minutes_pdf, name="meeting_minutes_pdf"),
    path("meetings/", include(MEETING_FLOW.urlpatterns(
        queryset=meetings.visible_meetings, render_detail=meetings.meeting_page))),
    path("actions/", meetings.action_list_view, name="action_list"),
    path("actions/<int:pk>/", meetings.action_detail, name="action_detail"),
    path("actions/", include(ACTION_FLOW.urlpatterns(
        queryset=meetings.visible_actions, render_detail=meetings.action_page))),
    # Responsibility statements (R2.3.1).
    path("statements/", statements.statement_list_view, name="statement_list"),
    path("statements/status/", statements.statement_status, name="statement_status"),
    path("statements/issue/", statements.statement_issue, name="statement_issue"),
    path("statements/<int:pk>/", statements.statement_detail, name="statement_detail"),
    path("statements/<int:pk>/statement.pdf", statements.statement_pdf, name="statement_pdf"),
    path("statements/<int:pk>/refresh/", statements.statement_refresh, name="statement_refresh"),
    path("statements/templates/", statements.template_list, name="template_list"),
    path("statements/templates/defaults/", statements.template_defaults, name="template_defaults"),
    path("statements/templates/new/", statements.template_edit, name="template_create"),
    path("statements/templates/<int:pk>/", statements.template_edit, name="template_edit"),
    path("statements/", include(STATEMENT_FLOW.urlpatterns(
        queryset=statements.visible_statements, render_detail=statements.statement_page))),
]  # fmt: skip
