/** The printed notice's QR code: an SVG whose dark modules are exactly the QR matrix of the URL. */
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { QR_ERROR_CORRECTION, qrSvg } from '../../../src/services/qr';

const URL_ = 'https://revierfinder.example/bezirk/033510006';
const MARGIN = 2;

/** The dark modules drawn by qrcode's SVG path: horizontal runs `M x y h n` / `m dx dy h n`, y at the module's middle. */
function darkModules(svg: string, size: number): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  const path = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1];
  if (!path) throw new Error('kein Pfad für die dunklen Module');
  let x = 0;
  let y = 0;
  for (const [, command, a, b] of path.matchAll(/([MmhHvV])\s*(-?[\d.]+)(?:\s+(-?[\d.]+))?/g)) {
    const first = Number(a);
    const second = Number(b);
    if (command === 'M') [x, y] = [first, second];
    else if (command === 'm') [x, y] = [x + first, y + second];
    else if (command === 'h') {
      for (let i = 0; i < first; i++) grid[Math.floor(y)]![x + i] = true;
      x += first;
    }
  }
  return grid;
}

describe('qrSvg', () => {
  it('is an accessible SVG image named by its label', async () => {
    const svg = await qrSvg(URL_, 'QR-Code mit der Adresse <x> & "y"');
    expect(svg).toMatch(
      /^<svg role="img" aria-label="QR-Code mit der Adresse &lt;x> &amp; &quot;y&quot;" xmlns="http:\/\/www.w3.org\/2000\/svg"/,
    );
    expect(svg).toMatch(/<path stroke="#000000" d="M/);
  });

  it('draws exactly the QR matrix of the URL (error correction M)', async () => {
    const svg = await qrSvg(URL_, 'QR');
    const { modules } = QRCode.create(URL_, { errorCorrectionLevel: QR_ERROR_CORRECTION });
    const size = modules.size;
    expect(svg).toContain(`viewBox="0 0 ${size + 2 * MARGIN} ${size + 2 * MARGIN}"`);
    const drawn = darkModules(svg, size + 2 * MARGIN);
    for (let row = 0; row < size; row++) {
      for (let column = 0; column < size; column++) {
        expect(drawn[row + MARGIN]![column + MARGIN], `Modul ${row}/${column}`).toBe(modules.get(row, column) === 1);
      }
    }
  });

  it('differs for another URL', async () => {
    expect(await qrSvg(`${URL_}0`, 'QR')).not.toBe(await qrSvg(URL_, 'QR'));
  });
});
