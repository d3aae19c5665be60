/**
 * The viewer's country as CloudFront determined it at the edge (`CloudFront-Viewer-Country`, ISO 3166-1 alpha-2,
 * forwarded by the distribution's origin request policy). It beats what a device claims; without it (no
 * CloudFront in front, or locally) the payload's country stands. The client address itself is never read.
 */
export const edgeCountryOf = (headers: Readonly<Record<string, string | undefined>>): string | undefined => {
  const value = headers['cloudfront-viewer-country']?.trim().toUpperCase();
  // "XX" is CloudFront's answer when it cannot tell; that says nothing, so the payload's country stands.
  return value !== undefined && /^[A-Z]{2}$/.test(value) && value !== 'XX' ? value : undefined;
};

/** One raw event with the edge's country in place of (or in addition to) the payload's. */
export const withEdgeCountry = (raw: unknown, country: string | undefined, onlyIf: (event: Record<string, unknown>) => boolean = () => true): unknown =>
  country !== undefined && typeof raw === 'object' && raw !== null && !Array.isArray(raw) && onlyIf(raw as Record<string, unknown>)
    ? { ...raw, country }
    : raw;
