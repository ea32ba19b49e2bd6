import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from './error-handler';

/** Files the build names by their content hash: their URL changes whenever their bytes do. */
const HASHED_PREFIX = `${path.sep}assets${path.sep}`;
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/**
 * Serves the built web app (dist/web) and answers unknown non-API GETs with index.html so the
 * single-page app's routes work on reload. API and FHIR paths keep their problem+json 404s.
 *
 * The build writes Brotli and gzip copies of every text file (vite.config.ts); they are sent to a
 * browser that accepts them (`Vary: Accept-Encoding`). Hashed files under /assets/ are cached for a
 * year and never revalidated; everything else (index.html, which names the current hashes) is
 * revalidated on every load, so a new release is picked up at once. See
 * docs/decisions/0004-web-delivery.md.
 */
export async function registerWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  const root = path.resolve(webRoot);
  const index = path.join(root, 'index.html');
  const hasBuild = fs.existsSync(index);
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      index: false,
      preCompressed: true,
      // The compressed copies are chosen by Accept-Encoding, not addressed by URL.
      globIgnore: ['**/*.br', '**/*.gz'],
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        const relative = path.resolve(filePath).slice(root.length);
        reply.header('cache-control', relative.startsWith(HASHED_PREFIX) ? IMMUTABLE : REVALIDATE);
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    if (request.method !== 'GET' || url.startsWith('/api/') || url.startsWith('/fhir/') || !hasBuild) {
      return sendProblem(reply, 404, { type: 'not-found', detail: `No route ${request.method} ${url}.` });
    }
    // The page for every app route; compressed like the other files, and revalidated on each load.
    return reply.header('cache-control', REVALIDATE).sendFile('index.html');
  });
}
