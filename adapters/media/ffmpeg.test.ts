import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ffmpegPath, ffprobePath, resolveBinary, run } from './ffmpeg';

describe('finding ffmpeg and ffprobe', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ffmpeg-path-'));
  const layerBinary = join(dir, 'ffmpeg');
  writeFileSync(layerBinary, '');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes the path its variable names when that file exists (the layer on AWS)', () => {
    expect(resolveBinary('ffmpeg', layerBinary, () => undefined)).toBe(layerBinary);
  });

  it('falls back to the npm platform package where the named path is not there (the local cloud)', () => {
    const packaged = resolveBinary('ffmpeg', '/opt/bin/ffmpeg-that-is-not-here');
    expect(packaged).toContain('@ffmpeg-installer');
    expect(resolveBinary('ffprobe', undefined)).toContain('@ffprobe-installer');
  });

  it('says what is missing when neither is there', () => {
    expect(() => resolveBinary('ffprobe', '/opt/bin/ffprobe', () => undefined)).toThrow('/opt/bin/ffprobe (from FFPROBE_PATH) does not exist');
  });

  it('resolves to a binary that runs', async () => {
    const { stdout } = await run(ffmpegPath, ['-version']);
    expect(stdout).toMatch(/^ffmpeg version/);
  });

  it('probes an MPEG-TS file (the packaged ffprobe segfaults on one unless run as run() runs it)', async () => {
    const ts = join(dir, 'clip.mts');
    await run(ffmpegPath, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=160x90:rate=25:duration=1', '-c:v', 'libx264', '-f', 'mpegts', '-mpegts_m2ts_mode', '1', ts]);
    const { stdout } = await run(ffprobePath, ['-v', 'error', '-show_entries', 'format=format_name', '-of', 'default=nw=1:nk=1', ts]);
    expect(stdout.trim()).toBe('mpegts');
  });
});
