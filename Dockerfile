# Vraagwijzer server image: non-root, production dependencies only (npm ci --omit=dev), the widget
# and staff bundles built in a stage of their own. The server runs TypeScript through tsx, as
# `npm start` does (the tree verifier's worker thread loads it too), so tsx is added to the
# production dependencies here, at the version the lockfile pins. Verifying Haarlem's trees takes
# up to a minute at start: the healthcheck's start period allows for it.
#   docker build -t vraagwijzer .   (or: podman build --format docker -t vraagwijzer .; podman's default,
#   the OCI format, has no HEALTHCHECK and drops it)
#   docker run -p 8787:8787 -v vw-data:/app/data vraagwijzer
# See compose.yaml for two nodes on PostgreSQL.
# The base images are build arguments for a host without Docker Hub: scripts/container-base.sh makes
# both from Debian's packages, then
#   podman build --format docker --build-arg NODE_IMAGE=localhost/node:20-trixie \
#     --build-arg NODE_SLIM_IMAGE=localhost/node:20-trixie-slim -t vraagwijzer .
# The build stages need python3, make and g++ (both defaults have them): better-sqlite3 compiles from
# source when its prebuilt binary cannot be downloaded.
ARG NODE_IMAGE=node:20-bookworm
ARG NODE_SLIM_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
# tsx beside them: installed on its own (npm leaves out a devDependency even when named), then merged.
RUN mkdir /tsx && cd /tsx && echo '{"private":true}' > package.json \
 && npm install --no-audit --no-fund --no-package-lock "tsx@$(node -p "require('/app/package-lock.json').packages['node_modules/tsx'].version")" \
 && cp -rn /tsx/node_modules/. /app/node_modules/

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM ${NODE_SLIM_IMAGE}
ENV NODE_ENV=production PORT=8787 DATABASE_URL=sqlite:/app/data/vraagwijzer.db
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY engine ./engine
COPY server ./server
COPY widget ./widget
COPY trees ./trees
COPY scripts ./scripts
COPY --from=build /app/dist ./dist
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 8787
VOLUME ["/app/data"]
# /readyz: database reachable, trees loaded, not draining (503 while shutting down).
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8787)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM drains requests in flight before the database closes (server/main.ts).
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "server/main.ts"]
