# Anquan production image: gunicorn + whitenoise for web; the same image runs the Celery worker and beat
# (docker-compose.yml). Settings come from the environment (README "Configuration").
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    MEDIA_ROOT=/app/media

# WeasyPrint needs Pango; gettext compiles the translations; a CJK font renders Chinese in PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext fonts-wqy-microhei \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# Build-time values only, so production settings import; none of them end up in the image's environment.
RUN DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    CELERY_BROKER_URL=memory:// sh -c \
    "python manage.py compilemessages --verbosity 0 && python manage.py collectstatic --noinput --verbosity 0" \
    && rm -f /tmp/build.sqlite3

RUN useradd --system --create-home --uid 10001 anquan \
    && mkdir -p /app/media \
    && chown anquan:anquan /app/media
USER anquan

EXPOSE 8000
ENTRYPOINT ["/app/scripts/docker-entrypoint.sh"]
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", \
     "--access-logfile", "-"]
