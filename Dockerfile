# CreatorSync Analytics: API, projector, collection schedules and the built dashboard in one image.
#   docker compose up --build        (see README: "Run in production with Docker Compose")
# Stage 1 installs everything and builds; stage 2 keeps the runtime dependencies and the build
# output only, and runs as the unprivileged `node` user.

FROM node:22-bookworm-slim AS build
WORKDIR /app
# Manifests first: the dependency layer is reused until package-lock.json changes.
COPY package.json package-lock.json ./
COPY projections/package.json projections/
COPY migrations/package.json migrations/
COPY backend/package.json backend/
COPY dashboard/package.json dashboard/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/projections/package.json ./projections/
COPY --from=build --chown=node:node /app/projections/dist ./projections/dist
COPY --from=build --chown=node:node /app/migrations/package.json ./migrations/
COPY --from=build --chown=node:node /app/migrations/dist ./migrations/dist
COPY --from=build --chown=node:node /app/backend/package.json ./backend/
COPY --from=build --chown=node:node /app/backend/dist ./backend/dist
COPY --from=build --chown=node:node /app/dashboard/package.json ./dashboard/
COPY --from=build --chown=node:node /app/dashboard/build ./dashboard/build
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8080
# /health is 200 when the database answers and 503 while it does not.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "backend/dist/main.js"]
