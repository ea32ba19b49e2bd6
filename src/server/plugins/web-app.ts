import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from './error-handler';

/**
 * Serves the built web app (dist/web) and answers unknown non-API GETs with index.html so the
 * single-page app's routes work on reload. API and FHIR paths keep their problem+json 404s.
 */
export async function registerWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  const index = path.join(webRoot, 'index.html');
  const hasBuild = fs.existsSync(index);
  if (hasBuild) await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: false, index: false, cacheControl: true, maxAge: '1h' });
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    if (request.method !== 'GET' || url.startsWith('/api/') || url.startsWith('/fhir/') || !hasBuild) {
      return sendProblem(reply, 404, { type: 'not-found', detail: `No route ${request.method} ${url}.` });
    }
    return reply.header('cache-control', 'no-cache').type('text/html').send(fs.createReadStream(index));
  });
}
