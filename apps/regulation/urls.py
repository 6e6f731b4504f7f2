from django.urls import path, register_converter

from . import views


class ClauseRefConverter:
    regex = r"R[1-9][0-9]?(?:\.[1-9][0-9]?){0,3}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ClauseRefConverter, "clause")

app_name = "regulation"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("summary.pdf", views.summary_pdf, name="summary_pdf"),
    path("<clause:ref>/", views.clause_detail, name="clause_detail"),
]
