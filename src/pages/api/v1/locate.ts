import type { APIRoute } from 'astro';
import { locateAnswer } from '../../../services/computed-answers';

/** GET /api/v1/locate?lat=&lon= → the district and officers responsible for a point. */
export const GET: APIRoute = ({ url, locals }) => locateAnswer(locals.portal, url.searchParams);
