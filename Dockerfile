# The portal: gunicorn (web), Celery worker and beat all run from this one image.
#   docker build -t steunpunt-portal .      (docker-compose.yml does this for you)
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint (PDFs) needs Pango and HarfBuzz; DejaVu gives it fonts to lay out with.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 1000 portal \
    && useradd --system --uid 1000 --gid portal --create-home --home-dir /home/portal portal

WORKDIR /app

# Dependencies first, so code changes reuse this layer. Only the runtime set: no test runner,
# browser driver or linter in the production image (those are in requirements/dev.txt).
COPY requirements/base.txt ./requirements/
RUN pip install -r requirements/base.txt

COPY . .

# Static files are collected into the image (WhiteNoise serves them, compressed + hashed).
# The SECRET_KEY here only exists during the build; the real one comes from .env at run time.
RUN SECRET_KEY=build-only-not-secret ALLOWED_HOSTS=localhost DEBUG=0 \
        DATABASE_URL=sqlite:////tmp/build.sqlite3 \
        python manage.py collectstatic --noinput --skip-checks \
    && rm -f /tmp/build.sqlite3 \
    && mkdir -p /app/var/media /app/var/mail \
    && chown -R portal:portal /app/var

USER portal

EXPOSE 8000

CMD ["gunicorn", "steunpunt.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-", \
     "--forwarded-allow-ips", "*"]
