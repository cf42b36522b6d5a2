/**
 * The widget's options: what the loader passes to the frame (`lang`, `theme`, `layout`, `map`,
 * `widget`, `origin`), validated here for every embed view, and the snippet web editors paste.
 * Every invalid value becomes a clear message shown inside the frame, in the frame's language.
 */
import { translator, isLanguage, languages, DEFAULT_LANGUAGE, type Language } from '../i18n';
import { paths, pathsFor } from '../paths';
import { embedAllowlist, originMatches } from './embed-origins';

export const EMBED_VIEWS = ['bezirk', 'dienststelle', 'inspektion', 'suche'] as const;
export type EmbedView = (typeof EMBED_VIEWS)[number];
export const THEMES = ['light', 'dark', 'contrast'] as const;
export type Theme = (typeof THEMES)[number];
export const LAYOUTS = ['full', 'compact'] as const;
export type Layout = (typeof LAYOUTS)[number];

export interface EmbedOptions {
  lang: Language;
  theme: Theme;
  layout: Layout;
  map: boolean;
  /** The loader's id for this frame; null when the view is opened on its own. */
  widgetId: string | null;
  /** The host page's origin, already checked against the allowlist; the size goes only there. */
  hostOrigin: string | null;
}

export const DEFAULT_OPTIONS: EmbedOptions = {
  lang: DEFAULT_LANGUAGE,
  theme: 'light',
  layout: 'full',
  map: false,
  widgetId: null,
  hostOrigin: null,
};

const WIDGET_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Ids of districts, stations and inspections: digits, lower-case letters and hyphens. */
export const SUBJECT_ID = /^[a-z0-9-]{1,100}$/;

/** A value shown back in a message: printable, short. */
export function shown(value: string): string {
  const clean = value
    .toWellFormed()
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim();
  return clean.length > 60 ? `${clean.slice(0, 60)}…` : clean;
}

/**
 * The frame's UI language: `lang` when given once and known, else German. The language
 * middleware and `readEmbedOptions` both read it here, so page and messages agree.
 */
export function embedLanguage(params: URLSearchParams): Language {
  const values = params.getAll('lang');
  return values.length === 1 && isLanguage(values[0]!) ? values[0] : DEFAULT_LANGUAGE;
}

/**
 * Reads the options from the frame's query. `portalOrigin` (the request's own origin) always
 * counts as allowed: the builder's preview is embedded by the portal itself.
 */
export function readEmbedOptions(
  params: URLSearchParams,
  portalOrigin: string,
  isAllowed: (origin: string) => boolean = (origin) => originMatches(origin, embedAllowlist().patterns),
): { options: EmbedOptions; problems: string[] } {
  const problems: string[] = [];
  const options: EmbedOptions = { ...DEFAULT_OPTIONS, lang: embedLanguage(params) };
  const t = translator(options.lang);
  const sole = (name: string): string | null => {
    const values = params.getAll(name);
    if (values.length > 1) {
      problems.push(t('embed.error.repeated', { name }));
      return null;
    }
    return values[0] ?? null;
  };

  const lang = sole('lang');
  if (lang !== null && !isLanguage(lang)) {
    problems.push(
      t('embed.error.lang', {
        value: shown(lang),
        available: Object.entries(languages)
          .map(([code, language]) => `${code} (${language.name})`)
          .join(', '),
      }),
    );
  }
  const theme = sole('theme');
  if (theme !== null) {
    if ((THEMES as readonly string[]).includes(theme)) options.theme = theme as Theme;
    else problems.push(t('embed.error.theme', { value: shown(theme), available: THEMES.join(', ') }));
  }
  const layout = sole('layout');
  if (layout !== null) {
    if ((LAYOUTS as readonly string[]).includes(layout)) options.layout = layout as Layout;
    else problems.push(t('embed.error.layout', { value: shown(layout), available: LAYOUTS.join(', ') }));
  }
  const map = sole('map');
  if (map !== null) {
    if (map === 'true' || map === 'false') options.map = map === 'true';
    else problems.push(t('embed.error.map', { value: shown(map) }));
  }
  const widget = sole('widget');
  if (widget !== null) {
    if (WIDGET_ID.test(widget)) options.widgetId = widget;
    else problems.push(t('embed.error.widget'));
  }
  const origin = sole('origin');
  if (origin !== null) {
    let normalised: string | null = null;
    try {
      const url = new URL(origin);
      if ((url.protocol === 'https:' || url.protocol === 'http:') && url.origin === origin) normalised = url.origin;
    } catch {
      normalised = null;
    }
    if (normalised === null) problems.push(t('embed.error.origin', { value: shown(origin) }));
    else if (normalised !== portalOrigin && !isAllowed(normalised)) {
      problems.push(t('embed.error.notAllowed', { value: normalised }));
    } else options.hostOrigin = normalised;
  }
  return { options, problems };
}

/** The query that carries the options to the next page inside the frame (search results). */
export function optionParams(options: EmbedOptions): Array<[string, string]> {
  const entries: Array<[string, string]> = [
    ['lang', options.lang],
    ['theme', options.theme],
    ['layout', options.layout],
    ['map', String(options.map)],
  ];
  if (options.widgetId) entries.push(['widget', options.widgetId]);
  if (options.hostOrigin) entries.push(['origin', options.hostOrigin]);
  return entries;
}

/** A link inside the frame to another embed page, keeping the options. */
export function embedHref(path: string, options: EmbedOptions, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams([...Object.entries(extra), ...optionParams(options)]);
  return `${path}?${query.toString()}`;
}

export interface WidgetChoice {
  view: EmbedView;
  /** District, station or inspection id; ignored for the search. */
  id: string;
  lang: Language;
  theme: Theme;
  layout: Layout;
  map: boolean;
}

/** The portal page the fallback link leads to: the same content, without JavaScript. */
function fallbackPath(choice: Pick<WidgetChoice, 'view' | 'id' | 'lang'>): string {
  const localized = pathsFor(choice.lang);
  switch (choice.view) {
    case 'bezirk':
      return localized.district(choice.id);
    case 'suche':
      return localized.search();
    default:
      // The portal has no page of its own for a station's area or an inspection: the embed view
      // opened as a page shows the same content, and works without JavaScript.
      return paths.embed(choice.view, choice.id) + (choice.lang === DEFAULT_LANGUAGE ? '' : `?lang=${choice.lang}`);
  }
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The snippet for a host page: a plain link (what browsers without JavaScript show) carrying the
 * options as data-* attributes, and the loader, which puts the frame in the link's place.
 */
export function widgetSnippet(choice: WidgetChoice, portalOrigin: string, linkText: string): string {
  const attributes: Array<[string, string]> = [['data-view', choice.view]];
  if (choice.view !== 'suche') attributes.push(['data-id', choice.id]);
  attributes.push(['data-lang', choice.lang], ['data-theme', choice.theme], ['data-layout', choice.layout]);
  if (choice.map) attributes.push(['data-map', 'true']);
  const href = new URL(fallbackPath(choice), portalOrigin).href;
  return (
    `<a href="${escapeAttribute(href)}" data-revierfinder ` +
    attributes.map(([name, value]) => `${name}="${escapeAttribute(value)}"`).join(' ') +
    `>${escapeAttribute(linkText)}</a>\n` +
    `<script src="${escapeAttribute(new URL(paths.widgetScript(), portalOrigin).href)}" async></script>`
  );
}
