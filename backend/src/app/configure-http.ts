/**
 * HTTP concerns in one place: validation, problem details, request logs, CORS, OpenAPI at
 * /api/docs, and the built dashboard served from the same port (unknown non-API paths get the
 * single-page app's index.html).
 */
import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pinoHttp } from 'pino-http';
import type { AppConfig } from '../config/app-config.js';
import { ProblemDetailsFilter } from '../http/problem-details.filter.js';
import type { Logger } from '../logging/logger.js';

export function configureHttp(app: NestExpressApplication, config: AppConfig, logger: Logger, dashboardDir: string): void {
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: '100kb' });
  app.use(pinoHttp({ logger, autoLogging: { ignore: (req) => req.url === '/health' }, customProps: (req) => ({ userId: (req as { user?: { userId: string } }).user?.userId }) }));
  app.enableCors(config.dashboardOrigin ? { origin: config.dashboardOrigin, credentials: false, exposedHeaders: ['ETag', 'X-Consistency', 'Retry-After'] } : { origin: false });
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
    app.use(express.static(dashboardDir, { index: false, maxAge: '1h' }));
    app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (req.method !== 'GET' || req.path.startsWith('/api') || req.path === '/health') return next();
      res.sendFile(path.join(dashboardDir, 'index.html'));
    });
  } else {
    logger.warn({ dashboardDir }, 'dashboard build not found: run `npm run build` to serve the dashboard');
  }
}

/** Class-validator's messages, with "property x should not exist" said the way a caller understands. */
function validationMessages(errors: ValidationError[]): string[] {
  return errors.flatMap((error) =>
    Object.entries(error.constraints ?? {}).map(([rule, message]) =>
      rule === 'whitelistValidation' ? `unknown parameter "${error.property}"` : message,
    ),
  );
}
