import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** OpenAPI generated from the zod contracts: /api/v1/openapi.json, browsable at /api/docs. */
export async function registerApiDocs(app: FastifyInstance, options: { ui: boolean }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'IPT Workbench API', version: '1', description: 'JSON API of IPT Workbench. Sign in with POST /api/v1/auth/login; send the returned csrfToken as x-csrf-token on every change.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ipt_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  if (options.ui) {
    await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { docExpansion: 'list' } });
  }
}
