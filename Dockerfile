# One image for every service; docker-compose.yml picks the service with the command.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN npx --yes pnpm@10.34.9 install --frozen-lockfile \
 && node_modules/.bin/tsx -e "import('./scripts/build-dashboard.ts').then((m) => m.buildDashboardIfStale())"
ENV NODE_ENV=production HOST=0.0.0.0
ENTRYPOINT ["node_modules/.bin/tsx", "scripts/service.ts"]
