/**
 * The request's UI language. German lives at the unprefixed URLs; another language at the same
 * path under its prefix (`/en/suche?q=…`), rewritten here to the one German route so that pages
 * exist once. Embed frames carry their language as `?lang=` instead (the loader's data-lang).
 * Unknown paths under a prefix still reach the 404 page, then in that language.
 */
import { defineMiddleware } from 'astro:middleware';
import { DEFAULT_LANGUAGE } from '../i18n';
import { splitLanguagePrefix } from '../paths';
import { embedLanguage } from '../services/embed';

/** Routes that are data, frames, files or scripts: one address each, never under a language prefix. */
const UNPREFIXED = /^\/(?:api\/|embed\/|karte\/|_astro\/)|\.[a-z0-9]+$/i;

export const language = defineMiddleware((context, next) => {
  const { pathname, search } = context.url;
  if (pathname.startsWith('/embed/')) {
    context.locals.language = embedLanguage(context.url.searchParams);
    return next();
  }
  const { language: requested, route } = splitLanguagePrefix(pathname);
  context.locals.language = requested;
  if (requested === DEFAULT_LANGUAGE) return next();
  // /en/api/v1/… and the like have no English twin: the 404 page answers, in English.
  return next((UNPREFIXED.test(route) ? '/404' : route) + search);
});
