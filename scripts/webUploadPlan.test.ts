import { webUploadPlan } from './webUploadPlan';

describe("the web app's upload to its bucket", () => {
  const plan = webUploadPlan(['index.html', 'favicon.svg', 'assets/player-B3os.js', 'assets/player-B3os.js.map', 'assets/index-CZU.css', 'config.json']);

  it('sends the hashed assets first and index.html last, so no page names an asset that is not there yet', () => {
    expect(plan.map((u) => u.key)).toEqual(['assets/index-CZU.css', 'assets/player-B3os.js', 'favicon.svg', 'index.html']);
  });

  it('caches hashed assets for good and has index.html revalidated, so a deploy needs no invalidation', () => {
    expect(plan.find((u) => u.key === 'assets/player-B3os.js')).toEqual({ key: 'assets/player-B3os.js', contentType: 'text/javascript; charset=utf-8', cacheControl: 'public, max-age=31536000, immutable' });
    expect(plan.find((u) => u.key === 'index.html')).toEqual({ key: 'index.html', contentType: 'text/html; charset=utf-8', cacheControl: 'no-cache' });
  });

  it('leaves out source maps and any config.json (the edge answers it with the stack\'s own values)', () => {
    expect(plan.some((u) => u.key.endsWith('.map') || u.key === 'config.json')).toBe(false);
  });
});
