#!/bin/sh
# TEST-ONLY. Builds the image from the Dockerfile and runs compose.yaml (with
# compose.test.yaml) against the Bot API emulator on this host, until the bot's container
# is healthy; prints the figures; takes the stack down (KEEP=1 leaves it up).
# Needs docker, docker-compose (or `docker compose`), and the base images: on a machine
# without a registry, build-local-bases.sh first. Nothing leaves 127.0.0.1 but the image
# build's own bridge: the packages come from a wheelhouse served on loopback.
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
here="$repo/deploy/test"
python=${PYTHON:-$repo/.venv/bin/python}
WORK=${WORK:-/var/tmp/reflection-stack}
mkdir -p "$WORK/wheels"
free_port() { "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
if docker compose version >/dev/null 2>&1; then compose="docker compose"; else compose=docker-compose; fi

# The lock's packages, downloaded once by pip (hash-checked), served on loopback for the build.
"$python" -m pip download -q --require-hashes -r "$repo/requirements/run.txt" -d "$WORK/wheels" \
    --only-binary=:all: --python-version 3.11 --platform manylinux2014_x86_64 \
    --platform manylinux_2_17_x86_64 --platform manylinux_2_28_x86_64 2>&1 | grep -v "is ignored" || true
"$python" -m pip download -q "setuptools>=77" -d "$WORK/wheels" 2>&1 | grep -v "is ignored" || true
# A fixed port: the build arguments are part of the layers' cache keys.
wheel_port=${WHEEL_PORT:-38765}
"$python" -m http.server --bind 127.0.0.1 --directory "$WORK/wheels" "$wheel_port" >/dev/null 2>&1 &
wheels=$!
emulator=""
cleanup() {
    kill "$wheels" 2>/dev/null || true
    [ -z "$emulator" ] || kill "$emulator" 2>/dev/null || true
    if [ "${KEEP:-0}" != 1 ]; then
        (cd "$repo" && $compose -p reflection-test -f compose.yaml -f deploy/test/compose.test.yaml down -v >/dev/null 2>&1) || true
    fi
}
trap cleanup EXIT INT TERM

started=$(date +%s.%N)
docker build -q --network host -t reflection-companion:test \
    --build-arg PIP_NO_INDEX=1 --build-arg "PIP_FIND_LINKS=http://127.0.0.1:$wheel_port/" "$repo" >/dev/null
built=$(date +%s.%N)
echo "image: reflection-companion:test $(docker image inspect -f '{{.Size}}' reflection-companion:test) bytes"
echo "build: $(echo "$built - $started" | bc) s"

# The emulator on the host; the token it accepts is the bot's.
token="123456789:$(head -c 64 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 35)"
export EMULATOR_PORT=$(free_port) DB_PORT=$(free_port) HEALTH_PORT=$(free_port)
cd "$repo"
"$python" -m emulator --port "$EMULATOR_PORT" --token "$token" --user 1001 >"$WORK/emulator.log" 2>&1 &
emulator=$!
export TELEGRAM_BOT_TOKEN="$token" POSTGRES_PASSWORD=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
# The key as an operator makes it, readable by the container's user only.
export ENCRYPTION_KEY_PATH="$WORK/encryption.key"
(umask 077; "$python" -m bot new-key > "$ENCRYPTION_KEY_PATH")
chown 10001 "$ENCRYPTION_KEY_PATH" && chmod 0400 "$ENCRYPTION_KEY_PATH"

up=$(date +%s.%N)
$compose -p reflection-test -f compose.yaml -f deploy/test/compose.test.yaml up -d --no-build >"$WORK/compose.log" 2>&1
container=$($compose -p reflection-test -f compose.yaml -f deploy/test/compose.test.yaml ps -q bot)
status=starting
for _ in $(seq 1 240); do
    status=$(docker inspect -f '{{.State.Health.Status}}' "$container")
    [ "$status" = healthy ] && break
    [ "$status" = unhealthy ] && break
    sleep 0.5
done
healthy=$(date +%s.%N)
echo "healthy: $status, $(echo "$healthy - $up" | bc) s after compose up (the database's start included)"
[ "$status" = healthy ] || { docker logs "$container" 2>&1 | tail -30; exit 1; }
echo "healthz: $(docker exec "$container" python3 -c "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:$HEALTH_PORT/healthz').read().decode())")"
echo "bot user: $(docker exec "$container" id -un); key mounted: $(docker exec "$container" sh -c 'ls /run/secrets'); in the image: $(docker run --rm --entrypoint sh reflection-companion:test -c 'ls /run/secrets 2>/dev/null || echo nothing')"
docker logs "$container" 2>&1 | grep -m1 "Ready as" || true
