/**
 * QR codes for the printed notice ("Aushang"): made on the server as inline SVG, so that printing
 * needs no script and no request to anyone.
 */
import { LRUCache } from 'lru-cache';
import QRCode from 'qrcode';

/** Error correction M (15 %): survives a creased or scribbled-on notice, stays small. */
export const QR_ERROR_CORRECTION = 'M' as const;

// A code depends only on its address and label, and making one costs about a millisecond:
// each is made once. Bounded, as the address names the host it was asked under.
const made = new LRUCache<string, string>({ max: 2_000 });

/** An SVG QR code for `url`; `label` names it for screen readers. */
export async function qrSvg(url: string, label: string): Promise<string> {
  const key = `${url}\n${label}`;
  const kept = made.get(key);
  if (kept !== undefined) return kept;
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: QR_ERROR_CORRECTION, margin: 2 });
  const escaped = label.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const labelled = svg.replace('<svg ', `<svg role="img" aria-label="${escaped}" `);
  made.set(key, labelled);
  return labelled;
}
