# syntax=docker/dockerfile:1
FROM debian:12-slim AS fetch
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends git=1:2.39.2-1.1 openssh-client=1:9.2p1-2+deb12u2
RUN --mount=type=ssh \
    --mount=type=secret,id=netrc,target=/root/.netrc \
    git clone --depth 1 git@github.com:acme/private.git /src

FROM node:20.11-bookworm-slim
WORKDIR /app
RUN --mount=type=bind,from=fetch,source=/src,target=/src \
    --mount=type=cache,target=/root/.npm \
    cp -r /src/. /app/ && npm ci --omit=dev
USER node
CMD ["node", "server.js"]
