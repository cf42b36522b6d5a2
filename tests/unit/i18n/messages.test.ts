/**
 * The UI strings of every language against German, the source of truth: same keys, same
 * placeholders, nothing empty; and every German key used somewhere in src/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LANGUAGE, languages, messages, type Language } from '../../../src/i18n';
import { de } from '../../../src/i18n/de';
import { DATA_TERMS, glossary } from '../../../src/i18n/glossary';

const SOURCE_ROOT = join(import.meta.dirname, '../../../src');
const I18N_FOLDER = join(SOURCE_ROOT, 'i18n');

/**
 * Keys built at run time from a value (`t(\`platform.${platform}\`)`), so the scan cannot see
 * them as literals. Each family is allowed only with the reason it exists; a key of such a family
 * counts as used. Keep this list short: prefer literal keys.
 */
const DYNAMIC_KEY_FAMILIES: ReadonlyArray<{ prefix: string; reason: string }> = [
  { prefix: 'platform.', reason: 'one name per platform of the data (Platform in domain/model)' },
  { prefix: 'search.type.', reason: 'one label per kind of search result (SearchResult.type)' },
  { prefix: 'accountCheck.problem.', reason: 'one message per AccountInputProblem of the domain' },
  { prefix: 'openData.dataset.', reason: 'one title per download data set (DOWNLOADS in services/downloads)' },
  { prefix: 'apiDoc.op.', reason: 'summary and description per API operation id (services/openapi)' },
  { prefix: 'widget.view.', reason: 'one label per embed view (EMBED_VIEWS)' },
  { prefix: 'widget.choose.', reason: 'one chooser label per embed view with an id (EMBED_VIEWS)' },
];

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    // The message files themselves hold every key; the rest of i18n/ (formatters) uses them.
    if (folder === I18N_FOLDER && Object.hasOwn(languages, name.replace(/\.ts$/, ''))) return [];
    return /\.(ts|astro|mjs|js)$/.test(name) ? [path] : [];
  });
}

const germanKeys = Object.keys(de).sort();
const otherLanguages = (Object.keys(languages) as Language[]).filter((language) => language !== DEFAULT_LANGUAGE);

describe('UI strings', () => {
  it('has at least one language besides German', () => {
    expect(otherLanguages.length).toBeGreaterThan(0);
  });

  describe.each(otherLanguages)('%s', (language) => {
    const strings = messages[language] as Record<string, string>;

    it('has every German key', () => {
      expect(germanKeys.filter((key) => !Object.hasOwn(strings, key))).toEqual([]);
    });

    it('has no key German lacks', () => {
      expect(Object.keys(strings).filter((key) => !Object.hasOwn(de, key))).toEqual([]);
    });

    it('has the same placeholders as German in every string', () => {
      const differing = germanKeys
        .filter((key) => Object.hasOwn(strings, key))
        .filter((key) => placeholders(strings[key]!).join() !== placeholders(de[key as keyof typeof de]).join());
      expect(differing).toEqual([]);
    });

    it('has no empty string', () => {
      expect(Object.keys(strings).filter((key) => strings[key]!.trim() === '')).toEqual([]);
    });
  });

  it('uses every key somewhere in src/ (or in an allowed dynamic family)', () => {
    const files = sourceFiles(SOURCE_ROOT);
    const source = files.map((file) => readFileSync(file, 'utf8')).join('\n');
    const unused = germanKeys.filter(
      (key) =>
        !DYNAMIC_KEY_FAMILIES.some((family) => key.startsWith(family.prefix)) &&
        !source.includes(`'${key}'`) &&
        !source.includes(`"${key}"`) &&
        !source.includes(`\`${key}\``),
    );
    expect(unused, `unused keys (files scanned: ${files.length}, e.g. ${relative(SOURCE_ROOT, files[0]!)})`).toEqual([]);
  });

  it('allows each dynamic family only where a template key of that family exists in src/', () => {
    const source = sourceFiles(SOURCE_ROOT)
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const unjustified = DYNAMIC_KEY_FAMILIES.filter((family) => !source.includes(`\`${family.prefix}\${`));
    expect(unjustified.map((family) => family.prefix)).toEqual([]);
  });
});

describe('data glossary (terms of the data: district and Kreis types, ranks, attributions)', () => {
  it.each(otherLanguages)('%s has every term, no other, none empty', (language) => {
    const terms = (glossary as Record<string, Record<string, string>>)[language];
    expect(terms, `glossary for ${language}`).toBeDefined();
    expect(Object.keys(terms!).sort()).toEqual([...DATA_TERMS].sort());
    expect(Object.entries(terms!).filter(([, text]) => text.trim() === '')).toEqual([]);
  });

  it('lists each term once', () => {
    expect(new Set(DATA_TERMS).size).toBe(DATA_TERMS.length);
  });
});
