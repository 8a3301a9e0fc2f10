# Series catalog: gunicorn behind whatever terminates TLS.
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_DEBUG=0 \
    DJANGO_STATIC_ROOT=/vol/web/static \
    DJANGO_MEDIA_ROOT=/vol/web/media

WORKDIR /app

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home app

COPY requirements/ requirements/
RUN pip install --no-cache-dir -r requirements/prod.txt

COPY . .

# Static files are hashed and compressed at build time; the secret and host
# here exist only for this step.
RUN DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=build.invalid \
    python manage.py collectstatic --noinput \
    && mkdir -p /vol/web/media \
    && chown -R app:app /vol/web \
    && chmod -R 755 /vol/web

USER 10001:10001
EXPOSE 8000

HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-m", "config.healthcheck"]

# Wait for the database, migrate, refresh static files in the volume, serve.
CMD ["sh", "-c", "python manage.py wait_for_db --timeout 60 && python manage.py migrate --noinput && python manage.py createcachetable && python manage.py collectstatic --noinput -v 0 && exec gunicorn config.wsgi --bind 0.0.0.0:8000 --workers ${WEB_CONCURRENCY:-3} --access-logfile -"]
