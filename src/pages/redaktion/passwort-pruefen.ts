/**
 * The strength meter of the password fields (ASVS 2.1.8): how a password being typed fares against
 * the same rule that sets it (services/editor/passwords.ts), with the reason in the page's
 * language. Only for a signed-in session with its CSRF token (the editor middleware checks both);
 * nothing is stored or logged, and the answer is never cached.
 */
import type { APIRoute } from 'astro';
import { editorTranslator } from '../../i18n/editor';
import { editorRefusal } from '../../services/editor/http';
import { assessPassword } from '../../services/editor/passwords';

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } });

export const POST: APIRoute = async ({ locals }) => {
  const t = editorTranslator(locals.language);
  const form = locals.editor?.form;
  const text = (name: string) => {
    const value = form?.get(name);
    return typeof value === 'string' ? value : '';
  };
  const { score, problem } = await assessPassword(text('password'), text('email').trim());
  const strength = t('password.strength', { level: t(`password.level.${score}` as 'password.level.0'), score });
  return json({
    score,
    acceptable: problem === null,
    text: `${strength} ${problem ? t(`users.error.password.${problem}`) : t('password.acceptable')}`,
  });
};

export const GET: APIRoute = ({ locals }) => {
  const refusal = editorRefusal(405, locals.language, 'error.postOnlyTitle', 'error.postOnlyText');
  refusal.headers.set('Allow', 'POST');
  return refusal;
};
