# The production image: gunicorn serving shop.wsgi, whitenoise serving the static files.
# Built and run by docker-compose.yml (see docs/PRODUCTION.md).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=shop.settings.production

WORKDIR /app

# The server runs as this user; the code stays owned by root, read-only to it.
RUN useradd --create-home --uid 10001 --user-group app

# Dependencies first, pinned by the lock file: this layer is rebuilt only when they change.
# The project is a dependency-only package, so installing "." installs just its dependencies.
COPY pyproject.toml requirements.lock README.md ./
RUN pip install --no-cache-dir -c requirements.lock .

COPY . .

# Vietnamese translations are compiled from the committed .po files (*.mo are not committed).
# collectstatic needs the production settings to import, and they refuse to load without
# a secret, hosts and a database URL: throwaway values, for this command only (the
# database is never contacted). The media volume is mounted over /app/media, owned by app.
RUN for po in locale/*/LC_MESSAGES/django.po; do \
        pybabel compile --domain django --input-file "$po" --output-file "${po%.po}.mo"; \
    done \
    && DJANGO_SECRET_KEY=build-only-collectstatic ALLOWED_HOSTS=localhost \
       DATABASE_URL=postgres://build:build@localhost:5432/build \
       python manage.py collectstatic --noinput \
    && mkdir -p /app/media \
    && chown app:app /app/media

USER app

EXPOSE 8000

CMD ["gunicorn", "shop.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
