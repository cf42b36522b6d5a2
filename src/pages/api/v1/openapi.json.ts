import type { APIRoute } from 'astro';
import { jsonAnswer } from '../../../services/api';
import { openApiDocument } from '../../../services/openapi';

/** GET /api/v1/openapi.json → the OpenAPI 3.1 document, made from the endpoints' own schemas. */
export const GET: APIRoute = () => jsonAnswer(JSON.stringify(openApiDocument()));
