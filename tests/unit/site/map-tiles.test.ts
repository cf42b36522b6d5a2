/** An operator's tile server: only a well-formed https template with one fixed host is accepted. */
import { describe, expect, it } from 'vitest';
import { tileServerFromEnv } from '../../../src/services/map-tiles';

describe('tileServerFromEnv', () => {
  it('is null by default: no tiles, no other host', () => {
    expect(tileServerFromEnv({})).toBeNull();
  });

  it('reads template, provider, attribution and privacy policy', () => {
    expect(
      tileServerFromEnv({
        PUBLIC_TILE_URL: 'https://tiles.example.org/styles/{z}/{x}/{y}.png',
        PUBLIC_TILE_PROVIDER: 'Beispiel-Kacheln',
        PUBLIC_TILE_ATTRIBUTION: '© Beispiel',
        PUBLIC_TILE_PRIVACY_URL: 'https://tiles.example.org/datenschutz',
      }),
    ).toEqual({
      urlTemplate: 'https://tiles.example.org/styles/{z}/{x}/{y}.png',
      origin: 'https://tiles.example.org',
      providerName: 'Beispiel-Kacheln',
      attribution: '© Beispiel',
      privacyUrl: 'https://tiles.example.org/datenschutz',
    });
  });

  it('names the host when no provider is given, and drops a privacy URL that is not https', () => {
    const server = tileServerFromEnv({
      PUBLIC_TILE_URL: 'https://t.example/{z}/{x}/{y}.png',
      PUBLIC_TILE_PRIVACY_URL: 'http://t.example/p',
    });
    expect(server).toMatchObject({ providerName: 't.example', attribution: 't.example', privacyUrl: null });
  });

  it.each([
    'http://tiles.example.org/{z}/{x}/{y}.png', // not https
    'https://tiles.example.org/{z}/{x}.png', // no {y}
    'https://{s}.tiles.example.org/{z}/{x}/{y}.png', // several hosts: the CSP could not name one
    'kein URL {z}{x}{y}',
  ])('rejects %s', (template) => {
    expect(tileServerFromEnv({ PUBLIC_TILE_URL: template })).toBeNull();
  });
});
