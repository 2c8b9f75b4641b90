// /api/docs: the API reference a person reads and tries in the browser (Swagger UI, served by
// smsdesk itself from @fastify/swagger-ui's own files: no CDN, no inline script, so the
// site-wide Content-Security-Policy holds), and the OpenAPI document behind it at
// /api/docs/openapi.json. A program asking /api/docs for anything but HTML still gets the
// document there, as before the reference existed.
import swagger, { type StaticDocumentSpec } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { buildOpenApi } from './openapi.js';
import type { RouteDef } from './route.js';

export const DOCS_PATH = '/api/docs';

/** A browser asks for HTML first; curl, fetch and code generators ask for anything. */
function wantsHtml(req: FastifyRequest): boolean {
  return (req.headers.accept ?? '').includes('text/html');
}

export async function registerApiDocs(app: FastifyInstance, routes: readonly RouteDef[]): Promise<void> {
  const document = buildOpenApi(routes);
  // In a scope of its own, so the plugins' decorations and hooks stay on these routes.
  await app.register(async (scope) => {
    // Served as built (static mode does not rewrite it); the plugin's type knows OpenAPI 3.0, this is 3.1.
    await scope.register(swagger, { mode: 'static', specification: { document: document as unknown as StaticDocumentSpec['document'] } });
    await scope.register(swaggerUi, {
      routePrefix: DOCS_PATH,
      theme: { title: 'smsdesk API' },
      // The base layout: the reference of this API, without the bar to open another document.
      uiConfig: { layout: 'BaseLayout', deepLinking: true, docExpansion: 'list', defaultModelsExpandDepth: 0, displayRequestDuration: true },
      uiHooks: {
        onRequest: (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
          // The page's route answers both /api/docs and /api/docs/; only the first is negotiated.
          if (req.routeOptions.url !== DOCS_PATH || (req.url.split('?')[0] ?? '').endsWith('/')) return done();
          if (!wantsHtml(req)) return void reply.send(document);
          // The page's links are relative to "docs/": a relative redirect keeps a proxy's path prefix.
          return void reply.redirect('docs/');
        },
      },
    });
    scope.get(`${DOCS_PATH}/openapi.json`, async () => document);
  });
}
