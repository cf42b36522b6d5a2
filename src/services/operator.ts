/**
 * Who runs this portal, as the imprint, the privacy notice and the accessibility statement name
 * it: configuration the operator changes, so it lives in a file, not in the code. The file is
 * data/operator.json (beside the data sources: DATA_DIR), or wherever OPERATOR_FILE names it
 * (e.g. /etc/revierfinder/operator.json). It is read and checked once, when the request pipeline
 * loads before the server listens (src/middleware/index.ts): a missing or invalid file stops the
 * start with a message naming file and field. The project's file is FICTIONAL demo data
 * (`.example` addresses, 0000 numbers) with `demo: true`, and the pages say "Demo" while it is.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const text = z.string().trim().min(1, 'darf nicht leer sein');
const email = z.email('erwartet eine E-Mail-Adresse');
const phone = z.strictObject({
  /** As printed: "0511 9695-0". */
  display: text,
  /** For tel: links, E.164 without spaces: "+4951196950". */
  tel: z.string().regex(/^\+\d{6,15}$/, 'erwartet eine Rufnummer wie +4951196950 (E.164, ohne Leerzeichen)'),
});

const operatorSchema = z
  .strictObject({
    comment: z.string().optional(),
    /** True for the fictional demo operator: the pages then mark every contact "Demo". */
    demo: z.boolean('erwartet true oder false'),
    name: text,
    unit: text,
    representedBy: text,
    responsibleForContent: text,
    street: text,
    postcode: z.string().regex(/^\d{5}$/, 'erwartet eine fünfstellige Postleitzahl'),
    city: text,
    email,
    phone,
    accessibility: z.strictObject({ email, phone }),
    dataProtectionOfficer: z.strictObject({ email }),
  })
  .superRefine((value, context) => {
    // A real operator's imprint must not carry the demo's addresses that reach nobody.
    if (value.demo) return;
    const fictional = [
      ['email', value.email],
      ['accessibility.email', value.accessibility.email],
      ['dataProtectionOfficer.email', value.dataProtectionOfficer.email],
    ].filter(([, address]) => /\.example$/i.test(address!));
    for (const [field] of fictional) {
      context.addIssue({ code: 'custom', path: field!.split('.'), message: 'eine .example-Adresse (Demo) bei "demo": false' });
    }
  });

export type Operator = Omit<z.infer<typeof operatorSchema>, 'comment'>;

/** The operator file is missing, not JSON, or fails the schema: one line per problem. */
export class OperatorConfigError extends Error {
  constructor(file: string, problems: string[]) {
    super(`Betreiberangaben (${file}) ungültig, bitte korrigieren:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'OperatorConfigError';
  }
}

/** Where the operator file is: OPERATOR_FILE, else beside the data sources (DATA_DIR, default data/). */
export function operatorFile(env: Record<string, string | undefined> = process.env): string {
  return env.OPERATOR_FILE?.trim() || path.join(env.DATA_DIR ?? 'data', 'operator.json');
}

/** Reads and checks the operator file; throws OperatorConfigError naming file and field. */
export function loadOperator(file: string): Operator {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'Datei fehlt' : code ? `nicht lesbar (${code})` : `kein gültiges JSON (${(error as Error).message})`;
    throw new OperatorConfigError(file, [reason]);
  }
  const parsed = operatorSchema.safeParse(json);
  if (!parsed.success) {
    throw new OperatorConfigError(
      file,
      parsed.error.issues.map((issue) => {
        const field = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys].join('.') : issue.path.join('.');
        const given = issue.path.reduce<unknown>((value, key) => (value as Record<PropertyKey, unknown> | undefined)?.[key], json);
        const message = issue.code === 'unrecognized_keys' ? 'unbekanntes Feld' : given === undefined ? 'Pflichtfeld fehlt' : issue.message;
        return `Feld "${field}": ${message}`;
      }),
    );
  }
  const { comment: _comment, ...operator } = parsed.data;
  return operator;
}

/** The operator of this server, read once at start-up. */
export const operator: Operator = loadOperator(operatorFile());

/** Public bodies the statements point to: real addresses, not demo data. */
export const authorities = {
  dataProtection: {
    street: 'Prinzenstraße 5',
    postcode: '30159',
    city: 'Hannover',
    email: 'poststelle@lfd.niedersachsen.de',
    website: 'https://www.lfd.niedersachsen.de/',
  },
  arbitration: {
    website: 'https://www.behindertenbeauftragte-niedersachsen.de/',
  },
} as const;

/** The dates the accessibility statement and the privacy notice were written (ISO). */
export const statementDates = { accessibility: '2026-11-24', privacy: '2026-11-24' } as const;

/** A mailto: link with subject and body, encoded for every mail program. */
export function mailto(address: string, subject?: string, body?: string): string {
  const query = new URLSearchParams();
  if (subject) query.set('subject', subject);
  if (body) query.set('body', body);
  // URLSearchParams writes spaces as '+', which mail programs show literally.
  const text = query.toString().replace(/\+/g, '%20');
  return `mailto:${address}${text ? `?${text}` : ''}`;
}
