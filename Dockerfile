# Production image: API (`evalforge serve`) and workers (`evalforge worker`) from one image.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
# Exactly the locked files (hashes checked), then evalforge itself without dependencies.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock
COPY pyproject.toml README.md ./
COPY app ./app
COPY workers ./workers
RUN pip install --no-deps .

FROM python:3.11-slim AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    LITELLM_LOCAL_MODEL_COST_MAP=True \
    EVALFORGE_SECRET_FILE=/data/.evalforge_secret \
    EVALFORGE_DATABASE_URL=sqlite+aiosqlite:////data/evalforge.db
RUN useradd --create-home --uid 10001 evalforge && mkdir /data && chown evalforge /data
COPY --from=build /opt/venv /opt/venv
WORKDIR /srv
# Alembic reads alembic.ini and migrations/ from the working directory.
COPY alembic.ini ./
COPY migrations ./migrations
USER evalforge
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz').status != 200)"
CMD ["evalforge", "serve", "--host", "0.0.0.0", "--port", "8000"]
