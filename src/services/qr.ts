/**
 * QR codes for the printed notice ("Aushang"): made on the server as inline SVG, so that printing
 * needs no script and no request to anyone.
 */
import QRCode from 'qrcode';

/** Error correction M (15 %): survives a creased or scribbled-on notice, stays small. */
export const QR_ERROR_CORRECTION = 'M' as const;

/** An SVG QR code for `url`; `label` names it for screen readers. */
export async function qrSvg(url: string, label: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: QR_ERROR_CORRECTION, margin: 2 });
  const escaped = label.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return svg.replace('<svg ', `<svg role="img" aria-label="${escaped}" `);
}
