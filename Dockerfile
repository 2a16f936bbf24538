# syntax=docker/dockerfile:1
# emcee in a container: `docker build -t emcee .` then `docker compose up` (compose.yaml) or the
# Kubernetes example in deploy/kubernetes/. Two stages: the first compiles the TypeScript and the
# sqlite3 native module, the second holds only what runs (no compiler, no dev dependencies).

FROM node:20-bookworm-slim AS build
WORKDIR /app
# sqlite3 compiles from source during npm ci.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src src
COPY commands commands
# The compiled bot, then the dependencies cut down to production ones (sqlite3's build kept).
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    EMCEE_CONFIG=/app/config \
    STORE_URL=sqlite:///data/emcee.sqlite
WORKDIR /app
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
COPY bin bin
# The sample community; mount your own over /app/config (compose.yaml, the Kubernetes ConfigMap).
COPY config config
# The SQLite store lives on a volume the unprivileged user owns (unused when STORE_URL is redis://).
RUN mkdir /data && chown node:node /data
VOLUME /data
# The image's own unprivileged user (uid 1000), never root.
USER node
EXPOSE 8080
# /healthz answers while the process is alive (the HTTP endpoint listens when PORT is set).
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/emcee.mjs"]
# Keeps running without a terminal, posting reminders, until SIGTERM.
CMD ["start", "--stay"]
