# The bot in a container: `docker compose up` (compose.yaml) runs it with PostgreSQL.
# Build: docker build -t reflection-companion .
#
# Two stages: the first installs the hashed runtime lock (requirements/run.txt) and the bot
# into a virtual environment; the second copies only that environment onto a fresh base,
# so no pip cache, build tool or source tree is in the image. No key, token or .env is in
# it either (.dockerignore): they come at run time, the key as a mounted file.
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
# For offline builds only (deploy/test/): where pip finds the packages instead of PyPI.
ARG PIP_NO_INDEX
ARG PIP_FIND_LINKS
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python3 -m venv /opt/reflection-companion
COPY requirements/run.txt /src/requirements/run.txt
# The lock first, in a layer of its own: a change to the code doesn't reinstall it.
RUN /opt/reflection-companion/bin/pip install --require-hashes -r /src/requirements/run.txt
COPY pyproject.toml README.md LICENSE /src/
COPY bot /src/bot
COPY handlers /src/handlers
COPY features /src/features
COPY storage /src/storage
RUN /opt/reflection-companion/bin/pip install --no-deps /src

FROM ${PYTHON_IMAGE}
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/reflection-companion \
        --create-home --shell /usr/sbin/nologin reflection
COPY --from=build /opt/reflection-companion /opt/reflection-companion
ENV PATH=/opt/reflection-companion/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    # compose.yaml mounts the key here (a secret); never baked into the image.
    ENCRYPTION_KEY_FILE=/run/secrets/encryption_key \
    DATABASE_URL=sqlite:////var/lib/reflection-companion/reflection-companion.sqlite3 \
    HEALTH_PORT=8081 \
    HEALTH_LISTEN=0.0.0.0
USER reflection
WORKDIR /var/lib/reflection-companion
# Where a SQLite database lives, if you use one (compose.yaml uses PostgreSQL).
VOLUME /var/lib/reflection-companion
EXPOSE 8081
# /healthz: the database answers and, polling, getUpdates answered in the last 90 s (a 503
# otherwise, which urlopen raises). Start-up migrates the schema: give it a minute.
HEALTHCHECK --interval=15s --timeout=6s --start-period=60s --retries=3 \
    CMD ["python3", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ['HEALTH_PORT'], timeout=5)"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["reflection-companion"]
CMD ["run"]
