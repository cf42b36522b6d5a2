/** A published version's data file (administrators), to put into data/demo/ of a git checkout. */
import type { APIRoute } from 'astro';
import { canPublish } from '../../../../../services/editor/access';
import { audit } from '../../../../../services/editor/audit';
import { exportFile } from '../../../../../services/editor/export';
import { editorRefusal } from '../../../../../services/editor/http';

export const GET: APIRoute = ({ params, locals }) => {
  const session = locals.editor?.session;
  const actor = { userId: session?.principal.id ?? null, name: session?.principal.email ?? '(unbekannt)', client: locals.editor?.client };
  if (!session || !canPublish(session.principal)) {
    audit(actor, 'export', 'denied', { target: `${params.version}/${params.file}` });
    return editorRefusal(403, locals.language, 'error.forbiddenTitle', 'error.forbiddenText');
  }
  const text = /^\d{1,9}$/.test(params.version ?? '') ? exportFile(Number(params.version), params.file ?? '') : null;
  if (text === null) return editorRefusal(404, locals.language, 'error.notFoundTitle', 'form.notFound');
  audit(actor, 'export', 'ok', { target: `${params.version}/${params.file}` });
  return new Response(text, {
    headers: {
      'Cache-Control': 'no-store',
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${params.file}"`,
    },
  });
};
