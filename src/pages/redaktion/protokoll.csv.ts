/** The whole audit log as CSV (administrators). */
import type { APIRoute } from 'astro';
import { canReadAudit } from '../../services/editor/access';
import { audit, auditCsv } from '../../services/editor/audit';
import { editorRefusal } from '../../services/editor/http';

export const GET: APIRoute = ({ locals }) => {
  const session = locals.editor?.session;
  const actor = { userId: session?.principal.id ?? null, name: session?.principal.email ?? '(unbekannt)', client: locals.editor?.client };
  if (!session || !canReadAudit(session.principal)) {
    audit(actor, 'audit.export', 'denied', { target: '/redaktion/protokoll.csv' });
    return editorRefusal(403, locals.language, 'error.forbiddenTitle', 'error.forbiddenText');
  }
  audit(actor, 'audit.export', 'ok');
  return new Response(auditCsv(), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Disposition': 'attachment; filename="protokoll.csv"',
    },
  });
};
