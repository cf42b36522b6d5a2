import { readFileSync } from 'node:fs';
import type { APIRoute } from 'astro';

/**
 * Every path answers the body written for it by bench/load.ts: FLOOR_BODIES names a JSON file
 * `{ "/<name>": { "type": "<Content-Type>", "file": "<body file>" } }`, read once at start.
 */
const bodies = new Map(
  Object.entries(JSON.parse(readFileSync(process.env.FLOOR_BODIES ?? '', 'utf8')) as Record<string, { type: string; file: string }>).map(
    ([path, { type, file }]) => [path, { type, body: readFileSync(file) }],
  ),
);

export const GET: APIRoute = ({ params }) => {
  const found = bodies.get(`/${params.path ?? ''}`);
  return found ? new Response(found.body, { headers: { 'Content-Type': found.type } }) : new Response(null, { status: 404 });
};
