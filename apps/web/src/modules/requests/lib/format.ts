/** Small display helpers of the service desk: masked phones, money between ¥ and fen. */

/**
 * A phone number as the desk may show it: "13912345678" → "139****5678", "0755-12345678" →
 * "0755-****5678". Numbers already masked by the server pass through.
 */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  if (phone.includes('*')) return phone;
  const trimmed = phone.trim();
  const area = /^(0\d{2,3})-?(\d{7,8})$/.exec(trimmed);
  if (area) return `${area[1]}-****${area[2]!.slice(-4)}`;
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length > 4) return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  return '****';
}

/** ¥ (as typed, up to 2 decimals) → integer fen. */
export function yuanToFen(yuan: number | null | undefined): number {
  if (yuan === null || yuan === undefined || !Number.isFinite(yuan)) return 0;
  return Math.round(yuan * 100);
}

/** Integer fen → ¥ as a number with 2 decimals (for form fields). */
export function fenToYuan(fen: number | null | undefined): number {
  if (fen === null || fen === undefined) return 0;
  return Math.round(fen) / 100;
}
