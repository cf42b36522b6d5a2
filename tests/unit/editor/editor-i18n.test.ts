/** The editor area's strings: every language has German's keys, the same placeholders, nothing empty. */
import { describe, expect, it } from 'vitest';
import { editorMessages } from '../../../src/i18n/editor';

const placeholders = (text: string) =>
  [...text.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1])
    .sort()
    .join();

describe('editor strings', () => {
  const de = editorMessages.de;
  for (const [language, strings] of Object.entries(editorMessages)) {
    it(`${language}: same keys and placeholders as German, none empty`, () => {
      expect(Object.keys(strings).sort()).toEqual(Object.keys(de).sort());
      for (const [key, text] of Object.entries(strings)) {
        expect(text.trim(), key).not.toBe('');
        expect(placeholders(text), key).toBe(placeholders(de[key as keyof typeof de]));
      }
    });
  }
});
