/**
 * HTTP concerns in one place: validation, problem details, request logs, CORS, OpenAPI at
 * /api/docs, and the built dashboard served from the same port (unknown non-API paths get the
 * single-page app's index.html).
 */
import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface.js';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { liftConsistencyToken } from '../http/consistency-token-param.js';
import { ProblemDetailsFilter } from '../http/problem-details.filter.js';
import { requestLogging } from '../http/request-logging.js';
import type { Logger } from '../logging/logger.js';

export function configureHttp(app: NestExpressApplication, config: AppConfig, logger: Logger, dashboardDir: string): void {
  app.disable('x-powered-by');
  // ETags come from the read model's version (http/read-model.guard.ts), not from hashing each body.
  app.set('etag', false);
  // First, so that requests the body parser refuses are logged too.
  app.use(requestLogging(logger));
  app.useBodyParser('json', { limit: '100kb' });
  app.use('/api', liftConsistencyToken);
  app.enableCors(corsOptions(config.dashboardOrigin));
  app.useGlobalFilters(new ProblemDetailsFilter(logger));
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new BadRequestException(validationMessages(errors)),
    }),
  );

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('CreatorSync Analytics API')
      .setDescription('Analytics for Twitch creators, served from an event-sourced read model.')
      .setVersion('1')
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', name: 'X-Admin-Key', in: 'header' }, 'admin-key')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });

  if (existsSync(path.join(dashboardDir, 'index.html'))) {
    const assets = express.static(dashboardDir, { index: false, maxAge: '1h' });
    const isDashboardPath = (req: express.Request) => req.method === 'GET' && !req.path.startsWith('/api') && req.path !== '/health';
    // Nest mounts these before its routes: API requests must pass without a look at the disk,
    // which cost every API request a stat() (9% of the server's time under load, bench api).
    app.use((req: express.Request, res: express.Response, next: express.NextFunction) => (isDashboardPath(req) ? assets(req, res, next) : next()));
    app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (!isDashboardPath(req)) return next();
      res.sendFile(path.join(dashboardDir, 'index.html'));
    });
  } else {
    logger.warn({ dashboardDir }, 'dashboard build not found: run `npm run build` to serve the dashboard');
  }
}

/**
 * Only the configured dashboard origin may call the API from a browser: its requests get
 * Access-Control-Allow-Origin, any other origin's get none (the browser then refuses to hand the
 * answer to the page). The origin is compared in its canonical form (`https://x.example/` and
 * `https://x.example` are the same origin). Unset: same origin only.
 */
export function corsOptions(dashboardOrigin: string | undefined): CorsOptions {
  if (!dashboardOrigin) return { origin: false };
  return {
    origin: [new URL(dashboardOrigin).origin],
    credentials: false,
    allowedHeaders: ['Authorization', 'Content-Type', 'If-None-Match', 'X-Consistency-Token', 'X-Admin-Key'],
    exposedHeaders: ['ETag', 'X-Consistency', 'Retry-After'],
    maxAge: 600,
  };
}

/** Class-validator's messages, with "property x should not exist" said the way a caller understands. */
function validationMessages(errors: ValidationError[]): string[] {
  return errors.flatMap((error) =>
    Object.entries(error.constraints ?? {}).map(([rule, message]) =>
      rule === 'whitelistValidation' ? `unknown parameter "${error.property}"` : message,
    ),
  );
}
