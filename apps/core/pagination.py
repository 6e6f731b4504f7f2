from django.core.paginator import Paginator

DEFAULT_PAGE_SIZE = 25


def paginate(request, queryset, per_page=DEFAULT_PAGE_SIZE):
    """Return the requested page; a bad or too-large page number gives the nearest valid page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
