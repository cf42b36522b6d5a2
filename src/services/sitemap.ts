/**
 * The sitemap: every public page, each with its twins in the other languages (hreflang), so that
 * search engines find the districts and officers, and so that the accessibility and privacy
 * tests can crawl every route from one list.
 */
import type { Portal } from './portal';
import { languages, DEFAULT_LANGUAGE, type Language } from '../i18n/languages';
import { paths, localizePath } from '../paths';

/** The German (unprefixed) paths of every public page; query-string views (a search) are not pages of their own. */
export function publicPagePaths(portal: Pick<Portal, 'listDistricts' | 'listOfficers' | 'officerView' | 'cities'>): string[] {
  return [
    paths.home(),
    paths.search(),
    paths.accountCheck(),
    paths.openData(),
    paths.apiDocs(),
    paths.widget(),
    paths.accessibility(),
    paths.easyRead(),
    paths.privacy(),
    paths.imprint(),
    ...portal.listDistricts().map((district) => paths.district(district.id)),
    // A city divided into districts: its overview, at its old district's address.
    ...portal.cities.list().map((city) => paths.district(city.id)),
    ...portal
      .listOfficers()
      .filter((officer) => portal.officerView(officer.id) !== null)
      .map((officer) => paths.officer(officer.id)),
  ];
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The sitemap XML: one <url> per page and language, each listing all language versions
 * (itself included) and x-default (German) as xhtml:link alternates.
 */
export function sitemapXml(pagePaths: string[], origin: string, lastModified?: string): string {
  const tags = Object.keys(languages) as Language[];
  const lastmod = lastModified ? `<lastmod>${escapeXml(lastModified.slice(0, 10))}</lastmod>` : '';
  const urls = pagePaths.flatMap((path) => {
    const alternates = [
      ...tags.map((tag) => `<xhtml:link rel="alternate" hreflang="${tag}" href="${escapeXml(origin + localizePath(path, tag))}"/>`),
      `<xhtml:link rel="alternate" hreflang="x-default" href="${escapeXml(origin + localizePath(path, DEFAULT_LANGUAGE))}"/>`,
    ].join('');
    return tags.map((tag) => `<url><loc>${escapeXml(origin + localizePath(path, tag))}</loc>${lastmod}${alternates}</url>`);
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' +
    urls.join('\n') +
    '\n</urlset>\n'
  );
}
