/**
 * Who runs this portal, as the imprint, the privacy notice and the accessibility statement name
 * it. In this demo every entry is FICTIONAL: `.example` addresses (RFC 2606) and 0000 numbers
 * reach nobody. An operator replaces this one object; the pages say "Demo" while `demo` is true.
 */
export const operator = {
  demo: true,
  name: 'Revierfinder-Redaktion (Demo-Betreiber)',
  unit: 'Musterdienststelle der Polizei Niedersachsen (fiktiv)',
  representedBy: 'Erika Mustermann, Leiterin der Musterdienststelle (fiktiv)',
  responsibleForContent: 'Max Mustermann, Redaktion Revierfinder (fiktiv)',
  street: 'Musterstraße 1',
  postcode: '30000',
  city: 'Musterstadt',
  email: 'revierfinder@revierfinder.example',
  phone: { display: '0000 000000-0', tel: '+4900000000000' },
  accessibility: {
    email: 'barrierefreiheit@revierfinder.example',
    phone: { display: '0000 000000-10', tel: '+49000000000010' },
  },
  dataProtectionOfficer: { email: 'datenschutz@revierfinder.example' },
} as const;

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
