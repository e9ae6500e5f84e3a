# One image for web, worker and beat (docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=urbanhome.settings.production

WORKDIR /app
RUN useradd --create-home --uid 1000 uhs
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY --chown=uhs:uhs . .
# collectstatic needs settings to import; these throwaway values never run the site.
RUN SECRET_KEY=build-only DATABASE_URL=postgres://build@localhost/build \
    REDIS_URL=redis://localhost:6379/0 \
    FIELD_ENCRYPTION_KEYS=Zm9yLWJ1aWxkLW9ubHktbm90LWEtcmVhbC1rZXktMDA= \
    python manage.py collectstatic --noinput
USER uhs
EXPOSE 8000
CMD ["gunicorn", "urbanhome.wsgi", "--config", "gunicorn_web.py"]
