import { createStoreFixture, type StoreFixture } from '../../adapters/eventstore/testing/storeFixture';
import * as show from '../../domain/show/fixtures';
import type { PlaybackSigner } from '../delivery/signing';
import { callHttp } from '../http/testing/request';
import { executeShowCommand } from '../shows/showCommands';
import { playbackApi } from './playback';
import { executePremiumCommand } from './premium';

const keySecret = 'unit-key-secret-0123456789';
let fixture: StoreFixture;
let clock: Date;
const granted: Array<{ keys: string[]; ttlSeconds: number }> = [];
/** Signs nothing: says what it was asked to cover, which is what the route decides. */
const signer: PlaybackSigner = {
  grant: async ({ outputs, ttlSeconds }) => {
    granted.push({ keys: outputs.map((o) => o.key), ttlSeconds });
    return { sources: outputs.map((o) => ({ format: o.format, url: `https://media.test/${o.key}` })) };
  },
};
const api = () => playbackApi({ store: fixture.store, playback: { ttlSeconds: 300, cookieDomain: undefined, signer }, clock: () => clock }).playback;
const viewer = (sub: string) => ({ sub, groups: '' });

/** A show taken through its whole life to publication, premium or free, under its own id. */
const publish = async (showId: string, premium: boolean) => {
  const life = [
    { ...show.draftShow, premium }, show.requestUpload(), show.recordSourceUploaded(), show.startIngest(), show.recordSourceProbe(), show.requestTranscode(),
    show.recordTranscodeCompletion(), show.requestReview, show.approveShow, show.publishShow,
  ];
  for (const [index, command] of life.entries()) await executeShowCommand(fixture.store, { ...command, showId }, { commandId: `${showId}-${index}`, correlationId: showId, actor: command.actor });
};

/** A show transcoded and waiting for its review: not published. */
const inReview = async (showId: string) => {
  const life = [show.draftShow, show.requestUpload(), show.recordSourceUploaded(), show.startIngest(), show.recordSourceProbe(), show.requestTranscode(), show.recordTranscodeCompletion(), show.requestReview];
  for (const [index, command] of life.entries()) await executeShowCommand(fixture.store, { ...command, showId }, { commandId: `${showId}-${index}`, correlationId: showId, actor: command.actor });
};

/** One month of premium bought and captured at `at`. */
const buyPremium = async (userId: string, at: string) => {
  const gatewayId = userId.replace(/\W/g, '');
  const context = (id: string) => ({ commandId: id, correlationId: id, actor: { id: userId, kind: 'user' as const } });
  await executePremiumCommand(fixture.store, keySecret, { kind: 'RecordOrder', userId, now: at, orderId: `order_${gatewayId}`, months: 1, amount: 9900, currency: 'INR', receipt: 'r' }, context(`o-${userId}`));
  await executePremiumCommand(fixture.store, keySecret, { kind: 'RecordCapture', userId, now: at, orderId: `order_${gatewayId}`, paymentId: `pay_${gatewayId}`, amount: 9900, currency: 'INR' }, context(`c-${userId}`));
};

beforeAll(async () => {
  fixture = await createStoreFixture();
  await publish('free-1', false);
  await publish('premium-1', true);
  await executeShowCommand(fixture.store, { ...show.draftShow, showId: 'draft-1' }, { commandId: 'draft-1', correlationId: 'draft-1', actor: show.owner });
  await inReview('review-1');
  await publish('private-1', false);
  await executeShowCommand(fixture.store, { type: 'UpdateShowMetadata', showId: 'private-1', now: show.now, actor: show.owner, visibility: 'private' }, { commandId: 'private-1-v', correlationId: 'private-1', actor: show.owner });
  await publish('deleted-1', false);
  await executeShowCommand(fixture.store, { type: 'DeleteShow', showId: 'deleted-1', now: show.now, actor: show.owner }, { commandId: 'deleted-1-d', correlationId: 'deleted-1', actor: show.owner });
  await buyPremium('user-paid', '2026-04-01T00:00:00.000Z');
});
afterAll(() => fixture.dispose());
beforeEach(() => {
  clock = new Date('2026-04-15T00:00:00.000Z');
  granted.length = 0;
});

describe('playback grants', () => {
  it('grants a signed-in viewer the published transcode of a free show, for the configured time', async () => {
    const answer = await callHttp(api(), { path: { showId: 'free-1' }, user: viewer('user-free') });
    expect(answer).toMatchObject({ status: 200, body: { showId: 'free-1', premium: false, expiresAt: '2026-04-15T00:05:00.000Z' } });
    expect(answer.headers['cache-control']).toBe('private, no-store');
    expect(granted).toEqual([{ keys: show.recordTranscodeCompletion().outputs.map((o) => o.key), ttlSeconds: 300 }]);
  });

  it('answers 404 for an unknown show, 403 for an unpublished one, 401 without a caller, and signs nothing', async () => {
    expect((await callHttp(api(), { path: { showId: 'no-such-show' }, user: viewer('user-free') })).status).toBe(404);
    expect(await callHttp(api(), { path: { showId: 'draft-1' }, user: viewer('user-free') })).toMatchObject({ status: 403, body: { error: 'SHOW_NOT_PUBLISHED' } });
    expect((await callHttp(api(), { path: { showId: 'free-1' } })).status).toBe(401);
    expect(granted).toEqual([]);
  });

  it('grants a premium show only while the caller\'s premium lasts', async () => {
    expect(await callHttp(api(), { path: { showId: 'premium-1' }, user: viewer('user-free') })).toMatchObject({ status: 403, body: { error: 'PREMIUM_REQUIRED' } });
    expect(await callHttp(api(), { path: { showId: 'premium-1' }, user: viewer('user-paid') })).toMatchObject({ status: 200, body: { premium: true } });
    clock = new Date('2026-05-02T00:00:00.000Z');
    expect(await callHttp(api(), { path: { showId: 'premium-1' }, user: viewer('user-paid') })).toMatchObject({ status: 403, body: { error: 'SUBSCRIPTION_EXPIRED' } });
    expect(granted).toHaveLength(1);
  });

  it('lets its creator and admins play a show before publication, and a premium one without premium', async () => {
    const outputs = show.recordTranscodeCompletion().outputs.map((o) => o.key);
    expect(await callHttp(api(), { path: { showId: 'review-1' }, user: viewer(show.owner.id) })).toMatchObject({ status: 200, body: { showId: 'review-1' } });
    expect(await callHttp(api(), { path: { showId: 'review-1' }, user: { sub: 'admin-1', groups: '[admin]' } })).toMatchObject({ status: 200 });
    expect(await callHttp(api(), { path: { showId: 'premium-1' }, user: viewer(show.owner.id) })).toMatchObject({ status: 200, body: { premium: true } });
    expect(granted).toEqual([{ keys: outputs, ttlSeconds: 300 }, { keys: outputs, ttlSeconds: 300 }, { keys: outputs, ttlSeconds: 300 }]);
    expect(await callHttp(api(), { path: { showId: 'review-1' }, user: viewer('user-free') })).toMatchObject({ status: 403, body: { error: 'SHOW_NOT_PUBLISHED' } });
  });

  it('tells its creator there is nothing to play before a transcode finished', async () => {
    expect(await callHttp(api(), { path: { showId: 'draft-1' }, user: viewer(show.owner.id) })).toMatchObject({ status: 409, body: { error: 'NOTHING_TO_PLAY' } });
    expect(granted).toEqual([]);
  });

  it('answers 404 for a private show to anyone but its creator and admins, and for a deleted show to everyone', async () => {
    expect((await callHttp(api(), { path: { showId: 'private-1' }, user: viewer('user-paid') })).status).toBe(404);
    expect((await callHttp(api(), { path: { showId: 'private-1' }, user: viewer(show.owner.id) })).status).toBe(200);
    expect((await callHttp(api(), { path: { showId: 'deleted-1' }, user: viewer(show.owner.id) })).status).toBe(404);
    expect((await callHttp(api(), { path: { showId: 'deleted-1' }, user: { sub: 'admin-1', groups: '[admin]' } })).status).toBe(404);
    expect(granted).toHaveLength(1);
  });
});
