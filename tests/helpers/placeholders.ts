/**
 * What `plangen lint` will flag as a placeholder left in, and what the seed plans are full of:
 * 20xx, xx市, **公司, 某某, a year cut to "-20". (A date such as 2026-01-20 is not one.)
 */
export const PLACEHOLDER = /20xx|xx|\*\*|某某|XX市|__|TODO|待定|(?<!\d)-20(?!\d)/i;
