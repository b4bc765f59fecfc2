#!/bin/sh
# TEST-ONLY. Not what users run: they pull the official images (python:3.11-slim-bookworm,
# postgres:15-bookworm) as compose.yaml and the Dockerfile name them.
#
# On a machine that reaches Debian's package archive but no image registry, this builds
# stand-ins for those two images from Debian bookworm's own packages and tags them with the
# official names, so that `docker build` and `docker compose up` work unchanged:
#   python:3.11-slim-bookworm   debootstrap --variant=minbase + python3 (3.11) + venv
#   postgres:15-bookworm        the same + postgresql-15 (bookworm's), with a small entrypoint that does
#                               what the official image's does for compose.yaml (initdb,
#                               POSTGRES_USER/DB/PASSWORD)
# Needs root, debootstrap and docker. Idempotent: an image already present is kept
# (REBUILD=1 builds again).
set -eu
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
WORK=${WORK:-/var/tmp/reflection-bases}
here=$(cd "$(dirname "$0")" && pwd)

have() { docker image inspect "$1" >/dev/null 2>&1 && [ "${REBUILD:-0}" != 1 ]; }

rootfs() {  # rootfs DIR PACKAGES
    if [ ! -e "$1/.bootstrapped" ]; then
        rm -rf "$1"
        debootstrap --variant=minbase --include="$2" bookworm "$1" "$MIRROR"
        # What a slim image leaves out: apt's lists and caches, docs, man pages.
        chroot "$1" apt-get clean
        rm -rf "$1"/var/lib/apt/lists/* "$1"/usr/share/doc/* "$1"/usr/share/man/* \
            "$1"/usr/share/locale/* "$1"/var/cache/debconf/*-old "$1"/var/log/*
        touch "$1/.bootstrapped"
    fi
}

mkdir -p "$WORK"
if ! have python:3.11-slim-bookworm; then
    rootfs "$WORK/python" python3,python3-venv,ca-certificates
    tar -C "$WORK/python" --exclude=./.bootstrapped -c . | docker import \
        -c 'ENV LANG=C.UTF-8' -c 'CMD ["python3"]' - python:3.11-slim-bookworm
fi
if ! have postgres:15-bookworm; then
    rootfs "$WORK/postgres" postgresql-15,gosu
    tar -C "$WORK/postgres" --exclude=./.bootstrapped -c . | docker import - reflection-local/postgres-rootfs
    docker build -t postgres:15-bookworm -f "$here/postgres.Dockerfile" "$here"
fi
docker images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E '^(python|postgres):'
