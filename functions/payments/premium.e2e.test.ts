import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AdminConfirmSignUpCommand, CognitoIdentityProviderClient, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createDynamoDbEventStore, type EventStore } from '../../adapters/eventstore';
import { ffmpegPath, run } from '../../adapters/media/ffmpeg';
import { hmacHex } from '../../domain/payments';
import * as show from '../../domain/show/fixtures';
import { localCredentials, startLocalCloud, type LocalCloud } from '../../local/cloud';
import { localIssuerFor } from '../../local/cognito/part';
import { localGatewayCredentials } from '../../local/payments/simulator';
import { executeShowCommand } from '../shows/showCommands';

/** Accounts, payments and entitlements through HTTP on the stack `npm start` runs from the real serverless.yml. */
describe('accounts and premium end to end', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'showrunner-premium-')), 'data');
  let cloud: LocalCloud;
  let store: EventStore;
  let dynamodb: DynamoDBClient;
  let adminToken: string;

  const api = async (method: string, path: string, options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}) => {
    const response = await fetch(`${cloud.endpoints.api}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
        ...options.headers,
      },
      ...(options.raw !== undefined ? { body: options.raw } : options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as Record<string, unknown> };
  };
  const gateway = async (path: string, body: unknown = {}, auth = false) => {
    const authorization = `Basic ${Buffer.from(`${localGatewayCredentials.keyId}:${localGatewayCredentials.keySecret}`).toString('base64')}`;
    const response = await fetch(`${cloud.paymentGateway}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization } : {}) },
      body: JSON.stringify(body),
    });
    return (await response.json()) as Record<string, string>;
  };
  const signUpAndIn = async (email: string) => {
    expect((await api('POST', '/auth/register', { body: { email, password: 'Correct-horse-9' } })).status).toBe(202);
    const login = await api('POST', '/auth/login', { body: { email, password: 'Correct-horse-9' } });
    expect(login.status).toBe(200);
    const token = String(login.body.accessToken);
    const me = await api('GET', '/me', { token });
    return { token, refreshToken: String(login.body.refreshToken), userId: String(me.body.userId) };
  };
  const premiumEvents = async (userId: string) => (await store.readStream(`premium#${userId}`)).events.map((e) => e.type);
  const buy = async (token: string, notify: boolean) => {
    const order = await api('POST', '/premium/orders', { token, body: { months: 1 } });
    expect(order).toMatchObject({ status: 201, body: { amount: 9900, currency: 'INR', months: 1 } });
    const paid = await gateway(`/checkout/${String(order.body.orderId)}/pay`, { notify });
    return { orderId: String(order.body.orderId), paid };
  };

  beforeAll(async () => {
    cloud = await startLocalCloud({ ports: { api: 0, edge: 0, dynamodb: 0, s3: 0 }, dataDir, stage: 'dev', configPath: resolve('serverless.yml') }, () => undefined);
    dynamodb = new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region: cloud.service.region, credentials: localCredentials });
    store = createDynamoDbEventStore({ client: dynamodb, tables: { events: 'showrunner-dev-events', snapshots: 'showrunner-dev-snapshots' } });
    adminToken = await (await localIssuerFor(cloud.service, dataDir)).mint({ sub: 'admin-1', groups: ['admin'] });
  }, 120_000);
  afterAll(async () => {
    dynamodb.destroy();
    await cloud.stop();
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  }, 120_000);

  it('registers without revealing taken addresses, signs in, and signing out really ends the session', async () => {
    const ada = await signUpAndIn('ada@example.com');
    expect(await api('POST', '/auth/register', { body: { email: 'ADA@example.com', password: 'Another-pass-77' } })).toMatchObject({ status: 202 });
    expect(await api('POST', '/auth/register', { body: { email: 'weak@example.com', password: 'short' } })).toMatchObject({ status: 400, body: { error: 'weak_password' } });
    const wrong = await api('POST', '/auth/login', { body: { email: 'ada@example.com', password: 'Wrong-password-1' } });
    const nobody = await api('POST', '/auth/login', { body: { email: 'nobody@example.com', password: 'Wrong-password-1' } });
    expect(wrong).toEqual({ status: 401, body: { error: 'invalid_credentials', message: 'wrong email or password' } });
    expect(nobody).toEqual(wrong);
    expect(await api('GET', '/me', { token: ada.token })).toMatchObject({ status: 200, body: { email: 'ada@example.com', roles: ['viewer'], premium: { active: false } } });
    expect((await store.readStream(`user#${ada.userId}`)).events.map((e) => e.type)).toEqual(['UserRegistered']);

    expect((await api('POST', '/auth/logout', { token: ada.token })).status).toBe(204);
    expect((await api('GET', '/me', { token: ada.token })).status).toBe(401);
    expect(await api('POST', '/auth/login', { body: { refreshToken: ada.refreshToken } })).toMatchObject({ status: 401 });
  }, 90_000); // the first test pays every cold start of the account functions (and the user pool's trigger)

  it('the user pool\'s Post confirmation trigger records a registration once, however many paths record it', async () => {
    // Through the API: the trigger records it while register confirms; register's own append then adds nothing.
    const ann = await signUpAndIn('ann@example.com');
    const annEvents = (await store.readStream(`user#${ann.userId}`)).events;
    expect(annEvents.map((e) => [e.type, e.actor.id])).toEqual([['UserRegistered', 'cognito']]);

    // Straight through Cognito's API (no register handler at all): the trigger alone records it.
    const pool = cloud.service.functions.find((f) => f.key === 'register')?.environment ?? {};
    const cognito = new CognitoIdentityProviderClient({ endpoint: cloud.endpoints.sfn, region: cloud.service.region, credentials: localCredentials });
    const { UserSub: sub } = await cognito.send(new SignUpCommand({ ClientId: pool.USER_POOL_CLIENT_ID, Username: 'bo@example.com', Password: 'Correct-horse-9' }));
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: pool.USER_POOL_ID, Username: 'bo@example.com' }));
    cognito.destroy();
    expect((await store.readStream(`user#${sub ?? ''}`)).events.map((e) => e.data)).toEqual([{ userId: sub, email: 'bo@example.com' }]);

    // Cognito retrying the trigger (a timeout on its side) appends nothing more.
    const trigger = cloud.service.functions.find((f) => f.key === 'accountsPostConfirmation')?.name ?? '';
    const event = { triggerSource: 'PostConfirmation_ConfirmSignUp', userName: sub, request: { userAttributes: { sub, email: 'bo@example.com' } }, response: {} };
    expect(await cloud.runtime.invoke(trigger, event)).toEqual(event);
    expect((await store.readStream(`user#${sub ?? ''}`)).events.map((e) => e.type)).toEqual(['UserRegistered']);
  });

  it('locks a name out after repeated wrong passwords, known or not', async () => {
    for (const email of ['grace@example.com', 'ghost@example.com']) {
      if (email === 'grace@example.com') await signUpAndIn(email);
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 7; attempt += 1) statuses.push((await api('POST', '/auth/login', { body: { email, password: 'Not-the-one-1' } })).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    }
  });

  it('lets an admin grant a role, recorded as an event and in the next tokens', async () => {
    const lin = await signUpAndIn('lin@example.com');
    expect((await api('PUT', `/users/${lin.userId}/roles/creator`, { token: lin.token })).status).toBe(403);
    expect(await api('PUT', `/users/${lin.userId}/roles/creator`, { token: adminToken })).toMatchObject({ status: 200, body: { roles: ['creator'] } });
    const refreshed = await api('POST', '/auth/login', { body: { refreshToken: lin.refreshToken } });
    expect(await api('GET', '/me', { token: String(refreshed.body.accessToken) })).toMatchObject({ body: { roles: ['viewer', 'creator'] } });
    expect(await api('DELETE', `/users/${lin.userId}/roles/creator`, { token: adminToken })).toMatchObject({ status: 200, body: { roles: [] } });
    expect((await store.readStream(`user#${lin.userId}`)).events.map((e) => e.type)).toEqual(['UserRegistered', 'RoleGranted', 'RoleRevoked']);
  });

  it('confirms a checkout only with a genuine signature for the caller\'s own order; racing confirmations count once', async () => {
    const alan = await signUpAndIn('alan@example.com');
    const eve = await signUpAndIn('eve@example.com');
    const { orderId, paid } = await buy(alan.token, false);
    const confirmation = { razorpay_order_id: orderId, razorpay_payment_id: String(paid.razorpay_payment_id), razorpay_signature: String(paid.razorpay_signature) };

    const forged = { ...confirmation, razorpay_signature: hmacHex('guessed-secret', `${orderId}|${confirmation.razorpay_payment_id}`) };
    expect(await api('POST', '/premium/confirm', { token: alan.token, body: forged })).toMatchObject({ status: 400, body: { error: 'SIGNATURE_INVALID' } });
    expect(await api('POST', '/premium/confirm', { token: eve.token, body: confirmation })).toMatchObject({ status: 404, body: { error: 'ORDER_NOT_FOUND' } });
    expect(await premiumEvents(eve.userId)).toEqual([]);
    expect(await api('POST', '/premium/orders', { token: alan.token, body: { months: 1, amount: 1 } })).toMatchObject({ status: 400 });

    const [first, second] = await Promise.all([1, 2].map(() => api('POST', '/premium/confirm', { token: alan.token, body: confirmation })));
    expect([first?.status, second?.status]).toEqual([200, 200]);
    expect(first?.body).toEqual(second?.body);
    expect(await premiumEvents(alan.userId)).toEqual(['PremiumOrderCreated', 'PaymentCaptured', 'SubscriptionExtended']);
    expect(await api('GET', '/me', { token: alan.token })).toMatchObject({ body: { premium: { active: true } } });
  });

  it('takes webhooks only when signed, once per event id, and a refund ends the premium it paid for', async () => {
    const joan = await signUpAndIn('joan@example.com');
    const webhook = (event: string, payment: Record<string, unknown>, eventId: string, tamper = (raw: string) => raw) => {
      const raw = JSON.stringify({ event, payload: { payment: { entity: payment } } });
      return api('POST', '/webhooks/razorpay', { raw: tamper(raw), headers: { 'x-razorpay-signature': hmacHex(localGatewayCredentials.webhookSecret, raw), 'x-razorpay-event-id': eventId } });
    };
    const first = await buy(joan.token, false);
    const payment = { id: first.paid.razorpay_payment_id, amount: 9900, currency: 'INR', order_id: first.orderId };
    expect(await webhook('payment.captured', payment, 'evt_1', (raw) => raw.replace('9900', '990'))).toMatchObject({ status: 400, body: { error: 'signature_invalid' } });
    expect(await premiumEvents(joan.userId)).toEqual(['PremiumOrderCreated']);
    expect((await webhook('payment.captured', payment, 'evt_1')).body).toEqual({ status: 'processed', events: ['PaymentCaptured', 'SubscriptionExtended'] });
    expect((await webhook('payment.captured', payment, 'evt_1')).body).toMatchObject({ status: 'duplicate' });
    expect((await webhook('order.paid', payment, 'evt_2')).body).toEqual({ status: 'processed', events: [] });
    expect((await webhook('payment.authorized', payment, 'evt_3')).body).toMatchObject({ status: 'ignored' });

    const second = await buy(joan.token, true); // the simulator delivers payment.captured itself
    const third = await buy(joan.token, false);
    const low = await webhook('payment.captured', { id: third.paid.razorpay_payment_id, amount: 100, currency: 'INR', order_id: third.orderId }, 'evt_low');
    expect(low).toMatchObject({ status: 200, body: { status: 'refused', reason: 'AMOUNT_MISMATCH' } });
    const twoMonths = (await api('GET', '/me', { token: joan.token })).body.premium as { endsAt: string };

    await gateway(`/v1/payments/${String(first.paid.razorpay_payment_id)}/refund`, {}, true);
    const oneMonth = (await api('GET', '/me', { token: joan.token })).body.premium as { active: boolean; endsAt: string };
    expect(oneMonth.active).toBe(true);
    expect((Date.parse(twoMonths.endsAt) - Date.parse(oneMonth.endsAt)) / 86_400_000).toBeGreaterThan(27);
    await gateway(`/v1/payments/${String(second.paid.razorpay_payment_id)}/refund`, {}, true);
    expect(await api('GET', '/me', { token: joan.token })).toMatchObject({ body: { premium: { active: false } } });
    expect(await premiumEvents(joan.userId)).toEqual([
      'PremiumOrderCreated', 'PaymentCaptured', 'SubscriptionExtended',
      'PremiumOrderCreated', 'PaymentCaptured', 'SubscriptionExtended',
      'PremiumOrderCreated',
      'PaymentRefunded', 'SubscriptionShortened',
      'PaymentRefunded', 'SubscriptionShortened',
    ]);
  });

  it('a partial refund through the gateway shortens premium by its share; refunding the rest ends it', async () => {
    const pat = await signUpAndIn('pat@example.com');
    const { paid } = await buy(pat.token, true); // the simulator delivers payment.captured
    const premiumOf = async () => (await api('GET', '/me', { token: pat.token })).body.premium as { active: boolean; endsAt: string };
    const bought = await premiumOf();
    expect(bought.active).toBe(true);
    const refund = (body: Record<string, unknown>) => gateway(`/v1/payments/${String(paid.razorpay_payment_id)}/refund`, body, true);

    expect(await refund({ amount: 4950 })).toMatchObject({ amount: 4950, status: 'processed' });
    const half = await premiumOf();
    expect(half.active).toBe(true);
    const share = (Date.parse(half.endsAt) - Date.now()) / (Date.parse(bought.endsAt) - Date.now());
    expect(share).toBeGreaterThan(0.49);
    expect(share).toBeLessThan(0.51);

    expect(await refund({})).toMatchObject({ amount: 4950, status: 'processed' });
    expect(await premiumOf()).toMatchObject({ active: false });
    expect(await premiumEvents(pat.userId)).toEqual([
      'PremiumOrderCreated', 'PaymentCaptured', 'SubscriptionExtended',
      'PaymentRefunded', 'SubscriptionShortened',
      'PaymentRefunded', 'SubscriptionShortened',
    ]);
  });

  it('answers playback with the reason when the show cannot be watched', async () => {
    const kay = await signUpAndIn('kay@example.com');
    expect(await api('GET', '/shows/no-such-show/playback', { token: kay.token })).toMatchObject({ status: 404 });
    await executeShowCommand(
      store,
      { type: 'DraftShow', showId: 'draft-1', now: new Date().toISOString(), actor: { id: 'creator-1', kind: 'user' }, title: 'Pilot', description: '', genre: 'drama', language: 'en', premium: false },
      { commandId: 'draft-1', correlationId: 'draft-1', actor: { id: 'creator-1', kind: 'user' } },
    );
    expect(await api('GET', '/shows/draft-1/playback', { token: kay.token })).toMatchObject({ status: 403, body: { error: 'SHOW_NOT_PUBLISHED' } });
  });

  it('signs short-lived URLs for the outputs of a published free show, and a player decodes the HLS end to end', async () => {
    const kim = await signUpAndIn('kim@example.com');
    const life = [
      show.draftShow, show.requestUpload(), show.recordSourceUploaded(), show.startIngest(), show.recordSourceProbe(), show.requestTranscode(),
      show.recordTranscodeCompletion(), show.requestReview, show.approveShow, show.publishShow,
    ];
    for (const [index, command] of life.entries()) await executeShowCommand(store, command, { commandId: `life-${index}`, correlationId: 'life', actor: command.actor });
    // Real HLS where the published transcode says it is: a master playlist, a variant playlist in a folder, segments.
    const hlsKey = show.recordTranscodeCompletion().outputs.find((o) => o.format === 'hls')?.key ?? '';
    const media = mkdtempSync(join(tmpdir(), 'showrunner-hls-'));
    mkdirSync(join(media, '360p'));
    await run(ffmpegPath, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=10:duration=3', '-c:v', 'libx264', '-g', '10', '-f', 'hls', '-hls_time', '1', '-hls_list_size', '0', join(media, '360p', 'index.m3u8')]);
    writeFileSync(join(media, 'index.m3u8'), '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=300000,RESOLUTION=320x180\n360p/index.m3u8\n');
    const s3 = new S3Client({ endpoint: cloud.endpoints.s3, region: cloud.service.region, credentials: localCredentials, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
    const folder = hlsKey.slice(0, hlsKey.lastIndexOf('/') + 1);
    for (const file of ['index.m3u8', ...readdirSync(join(media, '360p')).map((f) => `360p/${f}`)])
      await s3.send(new PutObjectCommand({ Bucket: 'showrunner-dev-media', Key: `${folder}${file}`, Body: readFileSync(join(media, file)) }));
    s3.destroy();
    rmSync(media, { recursive: true, force: true });

    const answer = await api('GET', `/shows/${show.showId}/playback`, { token: kim.token });
    expect(answer).toMatchObject({ status: 200, body: { showId: show.showId, premium: false } });
    // The media distribution's local stand-in (local/playback) checks the grant as CloudFront does.
    const cloudFront = answer.body.cloudFront as { resource: string; query: string; cookies: Record<string, string> };
    expect(cloudFront.resource).toBe(`${cloud.endpoints.playback ?? ''}/${folder.slice(0, folder.indexOf('/hls/') + 1)}*`);
    const sources = answer.body.sources as Array<{ format: string; url: string }>;
    expect(sources.map((s) => s.format)).toEqual(['hls', 'dash']);
    for (const source of sources) expect(new URL(source.url).searchParams.get('Key-Pair-Id')).toMatch(/^K/);
    // Unsigned, the media is refused: by the bucket (Block Public Access) and by the distribution.
    expect((await fetch(`${cloud.endpoints.s3}/showrunner-dev-media/${hlsKey}`)).status).toBe(403);
    expect((await fetch(`${cloud.endpoints.playback ?? ''}/${folder}360p/index.m3u8`)).status).toBe(403);
    // What a player does: the master, then the variant playlist and its segments by relative URL, each carrying the
    // signed cookies (ffmpeg sends its -headers with every request of the stream).
    const cookie = Object.entries(cloudFront.cookies).map(([name, value]) => `${name}=${value}`).join('; ');
    const played = await run(ffmpegPath, ['-v', 'error', '-headers', `Cookie: ${cookie}\r\n`, '-i', sources[0]?.url ?? '', '-f', 'framemd5', '-']);
    expect(played.stdout.split('\n').filter((line) => /^0,/.test(line)).length).toBe(30);
  }, 60_000);
});
