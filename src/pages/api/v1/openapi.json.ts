import type { APIRoute } from 'astro';
import { tagged } from '../../../services/api';
import { openApiDocument } from '../../../services/openapi';

/** GET /api/v1/openapi.json → the OpenAPI 3.1 document, made from the endpoints' own schemas. */
export const GET: APIRoute = () =>
  tagged(JSON.stringify(openApiDocument()), { 'Content-Type': 'application/json; charset=utf-8' });
