import { edgeCountryOf, withEdgeCountry } from './edgeCountry';

describe('the country from the edge', () => {
  it('takes CloudFront-Viewer-Country over the payload, and ignores an absent, unknown (XX) or malformed one', () => {
    expect(edgeCountryOf({ 'cloudfront-viewer-country': 'pt' })).toBe('PT');
    expect(edgeCountryOf({})).toBeUndefined();
    expect(edgeCountryOf({ 'cloudfront-viewer-country': 'XX' })).toBeUndefined();
    expect(edgeCountryOf({ 'cloudfront-viewer-country': 'Portugal' })).toBeUndefined();
    expect(withEdgeCountry({ event: 'start', country: 'ES' }, 'PT')).toEqual({ event: 'start', country: 'PT' });
    expect(withEdgeCountry({ event: 'end' }, 'PT', (e) => e.event === 'start')).toEqual({ event: 'end' });
    expect(withEdgeCountry({ event: 'start', country: 'ES' }, undefined)).toEqual({ event: 'start', country: 'ES' });
    expect(withEdgeCountry('junk', 'PT')).toBe('junk');
  });
});
