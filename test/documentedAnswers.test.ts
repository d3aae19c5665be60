import { documentedAnswers } from './documentedAnswers';

const answer = (routeKey: string, status: number, body: unknown) => ({ routeKey, status, contentType: 'application/json', body: Buffer.from(JSON.stringify(body)) });

describe('checking API answers against the OpenAPI document', () => {
  const check = documentedAnswers();

  it('accepts a documented status whose body matches its schema', () => {
    expect(check(answer('GET /shows', 200, { items: [], nextCursor: null }))).toBeUndefined();
    expect(check(answer('POST /shows', 401, { message: 'Unauthorized' }))).toBeUndefined();
  });

  it('names a status the route does not document', () => {
    expect(check(answer('GET /shows', 418, { error: 'teapot', message: 'no' }))).toMatch(/GET \/shows answered 418, which the document does not list/);
  });

  it('names a body off its schema', () => {
    expect(check(answer('GET /shows', 200, { items: 'none' }))).toMatch(/body off its schema/);
    expect(check(answer('GET /shows/{showId}', 404, { oops: true }))).toMatch(/body off its schema/);
  });

  it('names a route the document lacks', () => {
    expect(check(answer('GET /nowhere', 200, {}))).toBe('GET /nowhere is not in the API document');
  });
});
