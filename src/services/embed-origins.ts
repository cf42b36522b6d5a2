/**
 * The allowlist of host websites that may embed the widget: read from the environment variable
 * EMBED_ALLOWED_ORIGINS and/or data/embed-origins.json, validated entry by entry. It becomes the
 * `frame-ancestors` of /embed/*, and the frame only sends its size to a host origin it matches.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * One allowed host, written as a CSP host-source restricted to what a website needs:
 * `https://www.example.de`, `https://*.example.de` (subdomains only), `http://localhost:*`
 * (any port), `https://example.de:8443`. No paths, no bare `*`, no keywords.
 */
export interface OriginPattern {
  scheme: 'http' | 'https';
  /** Lower-case host name or IP address, without the `*.` prefix. */
  host: string;
  /** `*.host`: every subdomain of host, not host itself (as in CSP). */
  subdomains: boolean;
  /** A port, `*` for any, or null for the scheme's default port. */
  port: number | '*' | null;
  /** The entry as it goes into the header. */
  source: string;
}

export interface Allowlist {
  patterns: OriginPattern[];
  /** Entries that were rejected, each with where it came from and why (German, for operators). */
  problems: string[];
  /** Where the list came from, for the start-up log. */
  origin: 'env' | 'file' | 'env+file' | 'default';
}

/** Used when neither the environment variable nor the file is there: local demos only. */
export const DEFAULT_ALLOWED_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*'] as const;

const PATTERN =
  /^(https?):\/\/(\*\.)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::(\d{1,5}|\*))?\/?$/;

/** Parses one allowlist entry; the reason says in German what is wrong with it. */
export function parseOriginPattern(entry: string): { ok: true; pattern: OriginPattern } | { ok: false; reason: string } {
  const text = entry.trim().toLowerCase();
  if (text === '') return { ok: false, reason: 'leerer Eintrag' };
  if (text === '*' || text.startsWith("'")) {
    return { ok: false, reason: 'Platzhalter und Schlüsselwörter sind nicht erlaubt; bitte eine Website-Adresse angeben' };
  }
  if (!/^https?:\/\//.test(text)) return { ok: false, reason: 'muss mit https:// (oder http://) beginnen' };
  const match = PATTERN.exec(text);
  if (!match) {
    return {
      ok: false,
      reason: 'keine gültige Herkunft (erwartet z. B. https://www.example.de, https://*.example.de oder http://localhost:*; ohne Pfad)',
    };
  }
  const [, scheme, wildcard, host, portText] = match;
  let port: number | '*' | null = null;
  if (portText === '*') port = '*';
  else if (portText !== undefined) {
    port = Number(portText);
    if (port < 1 || port > 65535) return { ok: false, reason: 'Port außerhalb von 1–65535' };
  }
  const source = `${scheme}://${wildcard ?? ''}${host}${port === null ? '' : `:${port}`}`;
  return {
    ok: true,
    pattern: { scheme: scheme as 'http' | 'https', host: host!, subdomains: Boolean(wildcard), port, source },
  };
}

const DEFAULT_PORTS = { http: 80, https: 443 } as const;

/**
 * True when `origin` (e.g. "https://www.example.de") matches one of the patterns, by the rules
 * browsers apply to `frame-ancestors`: an http pattern also admits https (a secure upgrade).
 */
export function originMatches(origin: string, patterns: readonly OriginPattern[]): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false;
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') return false;
  const host = url.hostname;
  const port = url.port === '' ? DEFAULT_PORTS[scheme] : Number(url.port);
  return patterns.some((pattern) => {
    if (!(pattern.scheme === scheme || (pattern.scheme === 'http' && scheme === 'https'))) return false;
    if (pattern.subdomains ? !host.endsWith(`.${pattern.host}`) : host !== pattern.host) return false;
    if (pattern.port === '*') return true;
    if (pattern.port === null) {
      return port === DEFAULT_PORTS[pattern.scheme] || (pattern.scheme === 'http' && scheme === 'https' && port === 443);
    }
    return port === pattern.port;
  });
}

const fileSchema = z.object({
  origins: z.array(z.string()),
});

interface Sources {
  /** Value of EMBED_ALLOWED_ORIGINS: entries separated by commas and/or white space. */
  env?: string | undefined;
  /** Path of the JSON file: `{ "origins": ["https://www.example.de", …] }`. */
  file?: string | undefined;
}

/** Builds the allowlist from the environment variable and the file (both if both are there). */
export function loadAllowlist({ env, file }: Sources): Allowlist {
  const problems: string[] = [];
  const entries: Array<{ entry: string; from: string }> = [];
  const fromEnv = env !== undefined && env.trim() !== '';
  if (fromEnv) {
    for (const entry of env.split(/[\s,]+/).filter(Boolean)) entries.push({ entry, from: 'EMBED_ALLOWED_ORIGINS' });
  }
  let fromFile = false;
  if (file) {
    let text: string | null = null;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') problems.push(`${file}: nicht lesbar (${(error as Error).message})`);
    }
    if (text !== null) {
      fromFile = true;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        problems.push(`${file}: kein gültiges JSON (${(error as Error).message}); Datei wird ignoriert`);
      }
      if (json !== undefined) {
        const parsed = fileSchema.safeParse(json);
        if (!parsed.success) {
          problems.push(`${file}: erwartet { "origins": ["https://…", …] }; Datei wird ignoriert`);
        } else {
          parsed.data.origins.forEach((entry, index) => entries.push({ entry, from: `${file}, origins[${index}]` }));
        }
      }
    }
  }
  const useDefault = !fromEnv && !fromFile;
  if (useDefault) for (const entry of DEFAULT_ALLOWED_ORIGINS) entries.push({ entry, from: 'Voreinstellung' });

  const patterns: OriginPattern[] = [];
  for (const { entry, from } of entries) {
    const parsed = parseOriginPattern(entry);
    if (!parsed.ok) problems.push(`${from}: „${entry}“ ignoriert: ${parsed.reason}`);
    else if (!patterns.some((known) => known.source === parsed.pattern.source)) patterns.push(parsed.pattern);
  }
  return {
    patterns,
    problems,
    origin: useDefault ? 'default' : fromEnv && fromFile ? 'env+file' : fromEnv ? 'env' : 'file',
  };
}

/** `frame-ancestors` for the embed views: the portal itself (the builder's preview) and the list. */
export function frameAncestors(patterns: readonly OriginPattern[]): string {
  return ["frame-ancestors 'self'", ...patterns.map((pattern) => pattern.source)].join(' ');
}

/** Where the file is by default: beside the data sources (DATA_DIR, default data/). */
function defaultAllowlistFile(env: Record<string, string | undefined> = process.env): string {
  return env.EMBED_ORIGINS_FILE ?? path.join(env.DATA_DIR ?? 'data', 'embed-origins.json');
}

let current: Allowlist | null = null;

/** The server's allowlist, read once at start-up; problems are logged once, clearly. */
export function embedAllowlist(): Allowlist {
  if (!current) {
    current = loadAllowlist({ env: process.env.EMBED_ALLOWED_ORIGINS, file: defaultAllowlistFile() });
    for (const problem of current.problems) console.warn(`Widget-Freigabeliste: ${problem}`);
    if (current.patterns.length === 0) console.warn('Widget-Freigabeliste: leer, nur das Portal selbst darf /embed/ einbetten.');
  }
  return current;
}
