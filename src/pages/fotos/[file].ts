/** An officer's published photo (services/editor/published-photos.ts); 404 for anything else. */
import type { APIRoute } from 'astro';
import { publishedPhoto } from '../../services/editor/published-photos';

export const GET: APIRoute = ({ params, locals }) => {
  const photo = publishedPhoto(locals.portal, params.file ?? '');
  if (!photo) return new Response('Nicht gefunden', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(new Uint8Array(photo.bytes), {
    headers: {
      'Content-Type': photo.contentType,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    },
  });
};
