import csv

from django.http import StreamingHttpResponse
from django.utils import timezone


class _Echo:
    def write(self, value):
        return value


def csv_response(*, filename, header, rows):
    """Stream a CSV (UTF-8 with BOM so Excel opens Chinese text correctly)."""
    writer = csv.writer(_Echo())

    def generate():
        yield "\ufeff"
        yield writer.writerow([str(h) for h in header])
        for row in rows:
            yield writer.writerow(["" if v is None else str(v) for v in row])

    stamp = timezone.localdate().isoformat()
    response = StreamingHttpResponse(generate(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.csv"'
    return response
