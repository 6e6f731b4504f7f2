from django.core.paginator import Paginator

DEFAULT_PAGE_SIZE = 25


def paginate(request, queryset, per_page=DEFAULT_PAGE_SIZE):
    """Return the requested page; a bad or too-large page number gives the nearest valid page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def paginate_ids_first(request, queryset, per_page=DEFAULT_PAGE_SIZE):
    """:func:`paginate` for long lists whose rows join many tables: the page's ids are found first (the
    ``OFFSET`` walks only the ordered table, not its joins), then those rows are loaded with their joins.
    Page 2,000 of 100,000 hazards costs what page 1 does (issue 12). Same page, same rows, same order."""
    page = Paginator(queryset.values_list("pk", flat=True), per_page).get_page(request.GET.get("page"))
    ids = list(page.object_list)
    rows = queryset.order_by().in_bulk(ids) if ids else {}
    page.object_list = [rows[pk] for pk in ids if pk in rows]
    return page
