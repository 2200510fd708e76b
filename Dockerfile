# The Briefings web image: gunicorn serving config.wsgi, with the static files collected at build
# time. All configuration comes from the environment at run time (see .env.example); no secret is
# baked in. docker-compose.yml builds it; docs/deployment.md explains how to run it.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- builder: the locked dependencies in a virtualenv, and the collected static files ----------
FROM ${PYTHON_IMAGE} AS builder

COPY --from=ghcr.io/astral-sh/uv:0.13.9 /uv /usr/local/bin/uv

# Compile bytecode once here, because the runtime user cannot write it; use the image's Python.
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PYTHON=/usr/local/bin/python3.11 \
    UV_PROJECT_ENVIRONMENT=/opt/venv

WORKDIR /app

# Dependencies before the code, so that a code change reuses this layer.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

COPY . .

# Production settings refuse to load without these; the values are throwaway and exist only
# for this command (collectstatic touches neither the database nor the secret key).
RUN DJANGO_SETTINGS_MODULE=config.settings.prod \
    DJANGO_SECRET_KEY=collectstatic-only \
    DJANGO_ALLOWED_HOSTS=localhost \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    /opt/venv/bin/python manage.py collectstatic --noinput

# --- runtime: the virtualenv, the code and the static files, run by an unprivileged user -------
FROM ${PYTHON_IMAGE} AS runtime

# WEB_CONCURRENCY is gunicorn's number of worker processes: about 2 per CPU core.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=config.settings.prod \
    WEB_CONCURRENCY=3

RUN groupadd --system --gid 10001 briefings \
    && useradd --system --uid 10001 --gid briefings --no-create-home \
       --home-dir /nonexistent --shell /usr/sbin/nologin briefings

WORKDIR /app
# Owned by root and read-only to the application: it never writes to its own code or files.
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /app /app

USER briefings
EXPOSE 8000

# /healthz answers before the host check and the HTTPS redirect and needs no database.
# No proxy: an http_proxy in the environment must not catch a request to ourselves.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request as r; r.build_opener(r.ProxyHandler({})).open('http://127.0.0.1:8000/healthz', timeout=4)"]

# Sync workers (WEB_CONCURRENCY of them). No access log: the application logs one line per
# request, with its id. Gunicorn's own messages go to stderr. Workers are recycled after about
# a thousand requests; their heartbeat lives in memory, not on the container's overlay disk.
CMD ["gunicorn", "config.wsgi", \
     "--bind", "0.0.0.0:8000", \
     "--timeout", "30", \
     "--graceful-timeout", "30", \
     "--max-requests", "1000", \
     "--max-requests-jitter", "100", \
     "--worker-tmp-dir", "/dev/shm", \
     "--error-logfile", "-", \
     "--no-control-socket"]
