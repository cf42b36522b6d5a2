/** What every /redaktion page needs: strings, links in its language, the session and the checked form. */
import type { AstroGlobal } from 'astro';
import { editorTranslator } from '../../i18n/editor';
import { localizePath } from '../../paths';
import type { Actor } from '../../services/editor/audit';

const timeFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormat = (language: string) => {
  let format = timeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/Berlin',
    });
    timeFormats.set(language, format);
  }
  return format;
};

export function editorPage(Astro: AstroGlobal) {
  const language = Astro.locals.language;
  const state = Astro.locals.editor ?? { session: null, client: 'unknown', form: null };
  const session = state.session;
  const principal = session?.principal ?? null;
  const actor: Actor = { userId: principal?.id ?? null, name: principal?.email ?? '(unbekannt)', client: state.client };
  return {
    language,
    t: editorTranslator(language),
    /** A moment as editors read it: date and time in Berlin, in the page's language. */
    formatTime: (moment: number | string) => timeFormat(language).format(new Date(moment)),
    /** A path of the editor area (or the portal) in the page's language. */
    link: (path: string) => localizePath(path, language),
    session,
    principal,
    csrf: session?.csrfToken ?? '',
    form: state.form,
    actor,
    /** A text field of the checked form (trimmed), or ''. */
    field: (name: string) => {
      const value = state.form?.get(name);
      return typeof value === 'string' ? value.trim() : '';
    },
  };
}

/** Comma/space separated ids as a list. */
export const idList = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
