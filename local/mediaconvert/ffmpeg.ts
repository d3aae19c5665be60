// The workflow's functions run the same binaries (probe, machine review): one place names them.
export { FfmpegError, ffmpegPath, ffprobePath, run } from '../../functions/workflow/ffmpeg';
