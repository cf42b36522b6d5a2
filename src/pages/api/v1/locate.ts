import type { APIRoute } from 'astro';
import { jsonAnswer } from '../../../services/api';
import { locateAnswer } from '../../../services/computed-answers';

/** GET /api/v1/locate?lat=&lon= → the district and officers responsible for a point. */
export const GET: APIRoute = ({ url, locals }) => {
  const answer = locateAnswer(locals.portal, url.searchParams);
  return answer.ok ? jsonAnswer(answer.json) : answer.response;
};
