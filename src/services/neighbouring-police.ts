import type { MessageKey } from '../i18n';

/** The police of the states (and the country) bordering Niedersachsen, for points outside it. */
export const neighbouringPolice: ReadonlyArray<{ nameKey: MessageKey; url: string }> = [
  { nameKey: 'state.bremen', url: 'https://www.polizei.bremen.de/' },
  { nameKey: 'state.hamburg', url: 'https://www.polizei.hamburg/' },
  { nameKey: 'state.schleswigHolstein', url: 'https://www.schleswig-holstein.de/DE/landesregierung/ministerien-behoerden/POLIZEI/polizei_node.html' },
  { nameKey: 'state.mecklenburgVorpommern', url: 'https://www.polizei.mvnet.de/' },
  { nameKey: 'state.brandenburg', url: 'https://polizei.brandenburg.de/' },
  { nameKey: 'state.sachsenAnhalt', url: 'https://polizei.sachsen-anhalt.de/' },
  { nameKey: 'state.thueringen', url: 'https://polizei.thueringen.de/' },
  { nameKey: 'state.hessen', url: 'https://www.polizei.hessen.de/' },
  { nameKey: 'state.nordrheinWestfalen', url: 'https://polizei.nrw/' },
  { nameKey: 'state.netherlands', url: 'https://www.politie.nl/' },
];
