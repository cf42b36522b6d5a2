/**
 * TOTP (RFC 6238) with otpauth: 6 digits, 30 s, SHA-1 (what every authenticator app reads),
 * one step of clock drift either way. A code is accepted once: the step it belongs to is stored,
 * and a code of that step or an earlier one is a replay.
 */
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

const ISSUER = 'Revierfinder Redaktion';
const PERIOD = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label = 'editor'): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, email: string): string {
  return totp(secret, email).toString();
}

/** The QR code of `uri` as an SVG string (inline in the page: no request to another host, no data: image for the CSP). */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/**
 * The time step `code` belongs to if it is valid now and newer than `lastStep`; null otherwise
 * (wrong, expired, or a replay).
 */
export function acceptTotp(secret: string, code: string, lastStep: number, now = Date.now()): number | null {
  const clean = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(clean)) return null;
  const delta = totp(secret).validate({ token: clean, timestamp: now, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / PERIOD) + delta;
  return step > lastStep ? step : null;
}

/** The current code (tests and the demo set-up). */
export function currentTotp(secret: string, now = Date.now()): string {
  return totp(secret).generate({ timestamp: now });
}
