import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildMediaConvertJob, type Packaging } from '../../domain/media/jobSettings';
import { chooseLadder } from '../../domain/show/ladder';
import { probeSource } from '../../functions/workflow/probe';
import { captionFileOf } from './captions';
import { jobPaths, type JobPaths } from './commands';
import { planJob } from './plan';
import { runPlan } from './runPlan';
import { makeTestClip, type ClipOptions } from './testClip';

/**
 * For tests: a generated clip through ingest's probe, the domain's ladder and job settings, and the local
 * transcoder, in `<root>/<name>/`: what the workflow does to an upload, without the stack around it. Captions go
 * into the job's settings and their WebVTT files where the transcoder would have downloaded them.
 */
export const transcodeTestClip = async (
  root: string,
  name: string,
  clip: ClipOptions,
  packaging: Packaging = 'separate',
  captions: readonly { language: string; label: string; webvtt: string }[] = [],
): Promise<{ paths: JobPaths; codec: string | undefined; ladder: string[] }> => {
  const dir = join(root, name.replace(/\W/g, '-'));
  mkdirSync(dir);
  const paths = jobPaths(dir, name);
  await makeTestClip(paths.source, clip);
  const probed = await probeSource(paths.source);
  if (!probed.ok) throw new Error(`${name} did not probe: ${probed.message}`);
  const ladder = chooseLadder(probed.probe);
  mkdirSync(paths.captions);
  for (const track of captions) writeFileSync(captionFileOf(paths, track.language), track.webvtt);
  const captionSources = captions.map(({ language, label }) => ({ language, label, sourceFile: `s3://media/shows/s/captions/${language}.vtt` }));
  const job = buildMediaConvertJob({ showId: 's', transcodeId: 't', ladder, probe: probed.probe, source: { bucket: 'src', key: name }, destinationBucket: 'media', roleArn: 'arn:role', packaging, captions: captionSources });
  await runPlan(planJob(job), paths, 2);
  return { paths, codec: probed.probe.video[0]?.codec, ladder: ladder.map((rung) => rung.name) };
};
