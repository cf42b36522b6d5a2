/**
 * The operator's details (imprint, privacy notice, accessibility statement) come from a file the
 * operator edits, checked with zod: the project's own file is the fictional demo operator, and a
 * broken file is refused with file and field named.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOperator, OperatorConfigError, operatorFile } from '../../src/services/operator';
import { makeTempDir, PROJECT_DATA_DIR, removeTempDirs } from './helpers/data-dir';

afterAll(removeTempDirs);

const demoFile = path.join(PROJECT_DATA_DIR, 'operator.json');

/** The problems loadOperator names for `json` (written to a file of its own). */
async function problemsOf(json: unknown): Promise<string> {
  const file = path.join(await makeTempDir(), 'operator.json');
  await writeFile(file, typeof json === 'string' ? json : JSON.stringify(json));
  try {
    loadOperator(file);
  } catch (error) {
    expect(error).toBeInstanceOf(OperatorConfigError);
    return (error as Error).message;
  }
  throw new Error('expected an OperatorConfigError');
}

describe('operator file', () => {
  it('the project ships the fictional demo operator, marked as such, reaching nobody', () => {
    const operator = loadOperator(demoFile);
    expect(operator.demo).toBe(true);
    expect(operator.name).toMatch(/Demo/);
    for (const address of [operator.email, operator.accessibility.email, operator.dataProtectionOfficer.email]) {
      expect(address).toMatch(/\.example$/);
    }
    for (const tel of [operator.phone.tel, operator.accessibility.phone.tel]) expect(tel).toMatch(/^\+4900/);
    expect(operator).not.toHaveProperty('comment');
  });

  it('is data/operator.json beside the data sources, or where OPERATOR_FILE says', () => {
    expect(operatorFile({})).toBe(path.join('data', 'operator.json'));
    expect(operatorFile({ DATA_DIR: '/srv/daten' })).toBe(path.join('/srv/daten', 'operator.json'));
    expect(operatorFile({ DATA_DIR: '/srv/daten', OPERATOR_FILE: '/etc/revierfinder/operator.json' })).toBe(
      '/etc/revierfinder/operator.json',
    );
  });

  it('names the file and every field that is missing, empty, malformed or unknown', async () => {
    const demo = loadOperator(demoFile);
    const message = await problemsOf({
      ...demo,
      name: '',
      postcode: '3000',
      unit: undefined,
      phone: { display: '0511 1', tel: '0511 1' },
      accessibility: { ...demo.accessibility, email: 'kein-at-zeichen' },
      fax: '0511 2',
    });
    expect(message).toMatch(/^Betreiberangaben \(.*operator\.json\) ungültig/);
    expect(
      message
        .split('\n')
        .slice(1)
        .map((line) => line.trim()),
    ).toEqual(
      expect.arrayContaining([
        'Feld "name": darf nicht leer sein',
        'Feld "unit": Pflichtfeld fehlt',
        'Feld "postcode": erwartet eine fünfstellige Postleitzahl',
        'Feld "phone.tel": erwartet eine Rufnummer wie +4951196950 (E.164, ohne Leerzeichen)',
        'Feld "accessibility.email": erwartet eine E-Mail-Adresse',
        'Feld "fax": unbekanntes Feld',
      ]),
    );
  });

  it('refuses the demo addresses for a real operator ("demo": false)', async () => {
    const message = await problemsOf({ ...loadOperator(demoFile), demo: false });
    expect(message).toContain('Feld "email": eine .example-Adresse (Demo) bei "demo": false');
    expect(message).toContain('Feld "dataProtectionOfficer.email"');
  });

  it('a missing file or one that is not JSON', async () => {
    expect(() => loadOperator('/nonexistent/operator.json')).toThrow(/\/nonexistent\/operator\.json.*\n\s+Datei fehlt/);
    expect(await problemsOf('{"demo": true,')).toMatch(/kein gültiges JSON/);
  });
});
