import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ffmpegPath } from '../adapters/media/ffmpeg';
import { makeTestClip } from '../local/mediaconvert/testClip';
import { stackProcess, type StackProcess } from './stackProcess';

/**
 * Nothing stranded across restarts (issue 15), with `npm start` run as a user runs it: a review pending across Ctrl-C
 * and across `kill -9` of the whole stack is approved afterwards, publishes and plays; a `kill -9` in the middle of a
 * transcode ends, after the restart, in review or in a recorded failure that reprocess brings to review, and leaves
 * no ffmpeg process or temp folder behind. The deployable deadlines apply (no test shortcuts).
 */
describe('the stack across restarts and crashes', () => {
  const root = mkdtempSync(join(tmpdir(), 'showrunner-restart-'));
  let stack: StackProcess;

  beforeAll(async () => {
    stack = await stackProcess(root);
    await stack.start();
  }, 240_000);

  afterAll(async () => {
    await (stack as StackProcess | undefined)?.kill().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  }, 60_000);

  const api = (method: string, path: string, groups: readonly string[], body?: unknown) => stack.request(method, path, groups, body);

  const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 180_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${stack.output()}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  };

  /** A clip with no audio track: the machine reviewer escalates it to a human, so its review waits for a person. */
  const upload = async (name: string, seconds: number) => {
    const path = join(root, `${name}.mp4`);
    await makeTestClip(path, { seconds, width: 640, height: 360, audio: 'none' });
    const bytes = readFileSync(path);
    const created = await api('POST', '/uploads', ['creator'], { title: name, description: 'made by ffmpeg', genre: 'test', language: 'en', fileName: `${name}.mp4`, contentType: 'video/mp4', sizeBytes: bytes.length });
    expect(created.status).toBe(201);
    const target = created.body.upload as { url: string; headers: Record<string, string> };
    expect((await fetch(target.url, { method: 'PUT', headers: target.headers, body: bytes })).status).toBe(200);
    return String(created.body.showId);
  };

  const pendingReview = (showId: string) => async () => {
    const answer = await api('GET', '/reviews?status=pending', ['reviewer']);
    const reviews = (answer.body.reviews ?? answer.body.items ?? []) as { showId: string }[];
    return reviews.some((review) => review.showId === showId) ? true : undefined;
  };

  const plays = async (showId: string) => {
    const grant = await api('GET', `/shows/${showId}/playback`, ['viewer']);
    expect(grant.status).toBe(200);
    const hls = (grant.body.sources as { format: string; url: string }[]).find((source) => source.format === 'HLS' || source.format === 'hls');
    expect(hls).toBeDefined();
    // ffmpeg as the player: it fetches the master, a variant playlist and its segments, and decodes a second of video,
    // each request carrying the grant's signed cookies (the media distribution refuses unsigned ones).
    const cookies = (grant.body.cloudFront as { cookies: Record<string, string> } | undefined)?.cookies ?? {};
    const cookie = Object.entries(cookies).map(([name, value]) => `${name}=${value}`).join('; ');
    await promisify(execFile)(ffmpegPath, ['-v', 'error', '-headers', `Cookie: ${cookie}\r\n`, '-i', hls?.url ?? '', '-t', '1', '-f', 'null', '-']);
  };

  it('keeps a pending review across Ctrl-C and kill -9: the approval afterwards publishes the show and it plays', async () => {
    const showId = await upload('overnight', 2);
    await waitFor(`the review of ${showId}`, pendingReview(showId));

    await stack.interrupt();
    await stack.start();
    await waitFor(`the review of ${showId} after Ctrl-C`, pendingReview(showId), 30_000);

    await stack.kill();
    await stack.start();
    await waitFor(`the review of ${showId} after kill -9`, pendingReview(showId), 30_000);

    const decided = await api('POST', `/reviews/${showId}/decision`, ['reviewer'], { decision: 'approve', reason: 'fine after a night off' });
    expect(decided.status).toBe(200);
    await waitFor(`${showId} published`, async () => ((await api('GET', `/shows/${showId}`, ['viewer'])).status === 200 ? true : undefined));
    await plays(showId);
  }, 600_000);

  it('after kill -9 in the middle of a transcode, the show reaches review (by itself or by reprocess) and nothing is left behind', async () => {
    const showId = await upload('interrupted', 40);
    await waitFor(`the transcode of ${showId}`, async () => {
      const timeline = await api('GET', `/shows/${showId}/workflow`, ['admin']);
      const progress = timeline.body.progress as { percent: number } | null | undefined;
      return timeline.body.currentStage === 'transcode' && progress !== null && progress !== undefined ? true : undefined;
    });

    await stack.kill();
    await stack.start();

    const outcome = await waitFor(`${showId} in review or failed`, async () => {
      if (await pendingReview(showId)()) return 'review';
      const timeline = await api('GET', `/shows/${showId}/workflow`, ['admin']);
      return timeline.body.error !== null && timeline.body.error !== undefined ? 'failed' : undefined;
    });
    if (outcome === 'failed') {
      expect((await api('POST', `/shows/${showId}/reprocess`, ['admin'])).status).toBe(202);
      await waitFor(`the review of ${showId} after reprocess`, pendingReview(showId));
    }
    // The killed transcode's temp folders are gone and no ffmpeg of this stack still runs.
    expect(readdirSync(stack.tmpDir).filter((name) => name.startsWith('mediaconvert-'))).toEqual([]);
    const { stdout } = await promisify(execFile)('ps', ['-eo', 'args']);
    expect(stdout.split('\n').filter((line) => line.includes('ffmpeg') && line.includes(stack.tmpDir))).toEqual([]);
  }, 600_000);
});
