import { matchesEventPattern } from './pattern';

/**
 * The pattern cases local-stack.md records serverless-offline-aws-eventbridge getting wrong (11 of 25), each
 * stated the AWS way. Bus-name exactness is a routing concern: see service.test.ts ("routes by exact bus name").
 */
const event = {
  version: '0',
  id: '1',
  'detail-type': 'ShowPublished',
  source: 'showrunner.catalog',
  account: '123456789012',
  time: '2026-01-01T00:00:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:s3:::bucket/show-1'],
  detail: { price: 300, label: '300', ip: '192.168.1.20', note: null, file: 'a/b/c.mp4' },
};

describe('cases a popular local plugin gets wrong', () => {
  it('anything-but prefix excludes by prefix, not by equality', () => {
    expect(matchesEventPattern({ source: [{ 'anything-but': { prefix: 'showrunner.' } }] }, event)).toBe(false);
    expect(matchesEventPattern({ source: [{ 'anything-but': { prefix: 'aws.' } }] }, event)).toBe(true);
  });

  it('numeric 300 and string "300" are different values', () => {
    expect(matchesEventPattern({ detail: { price: ['300'] } }, event)).toBe(false);
    expect(matchesEventPattern({ detail: { label: [300] } }, event)).toBe(false);
    expect(matchesEventPattern({ detail: { price: [300] } }, event)).toBe(true);
    expect(matchesEventPattern({ detail: { label: [{ numeric: ['=', 300] }] } }, event)).toBe(false);
  });

  it('cidr matches addresses inside the block only', () => {
    expect(matchesEventPattern({ detail: { ip: [{ cidr: '192.168.1.0/24' }] } }, event)).toBe(true);
    expect(matchesEventPattern({ detail: { ip: [{ cidr: '192.168.2.0/24' }] } }, event)).toBe(false);
  });

  it('wildcard spans separators and anchors both ends', () => {
    expect(matchesEventPattern({ detail: { file: [{ wildcard: 'a/*.mp4' }] } }, event)).toBe(true);
    expect(matchesEventPattern({ detail: { file: [{ wildcard: 'b/*.mp4' }] } }, event)).toBe(false);
  });

  it('$or is an alternative of whole sub-patterns', () => {
    const pattern = { $or: [{ source: ['other'] }, { detail: { price: [{ numeric: ['>', 100] }] } }] };
    expect(matchesEventPattern(pattern, event)).toBe(true);
    expect(matchesEventPattern({ $or: [{ source: ['other'] }, { detail: { price: [1] } }] }, event)).toBe(false);
  });

  it('[null] matches a null value, never a missing field', () => {
    expect(matchesEventPattern({ detail: { note: [null] } }, event)).toBe(true);
    expect(matchesEventPattern({ detail: { missing: [null] } }, event)).toBe(false);
  });

  it('an event without detail-type does not match a detail-type pattern', () => {
    const { 'detail-type': _omitted, ...withoutDetailType } = event;
    expect(matchesEventPattern({ 'detail-type': ['ShowPublished'] }, withoutDetailType)).toBe(false);
    expect(matchesEventPattern({ 'detail-type': [{ exists: false }] }, withoutDetailType)).toBe(true);
  });

  it('account and resources are matched like any field', () => {
    expect(matchesEventPattern({ account: ['123456789012'] }, event)).toBe(true);
    expect(matchesEventPattern({ account: ['999999999999'] }, event)).toBe(false);
    expect(matchesEventPattern({ resources: ['arn:aws:s3:::bucket/show-1'] }, event)).toBe(true);
    expect(matchesEventPattern({ resources: ['arn:aws:s3:::bucket/show-2'] }, event)).toBe(false);
    expect(matchesEventPattern({ resources: [{ prefix: 'arn:aws:s3:::bucket/' }] }, event)).toBe(true);
  });

  it('equal IP addresses in different notations are equal', () => {
    expect(matchesEventPattern({ ip: ['2001:db8::1'] }, { ip: '2001:0db8:0:0:0:0:0:1' })).toBe(true);
    expect(matchesEventPattern({ ip: ['2001:db8::1'] }, { ip: '2001:db8::2' })).toBe(false);
  });
});
