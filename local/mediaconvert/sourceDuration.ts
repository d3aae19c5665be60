import { ffprobePath, run } from '../../adapters/media/ffmpeg';

/** The source's duration in seconds, what progress is measured against; 0 when ffprobe cannot say (no percentage then). */
export const durationOf = async (file: string): Promise<number> => {
  const { stdout } = await run(ffprobePath, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'default=nw=1:nk=1', file]).catch(() => ({ stdout: '' }));
  const seconds = Number.parseFloat(stdout.trim());
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
};
