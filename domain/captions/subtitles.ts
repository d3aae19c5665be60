/**
 * Caption files as creators send them: WebVTT, or SRT (converted to WebVTT, what HLS and DASH players read).
 * Pure: the API validates with it and stores what it answers; nothing here knows about storage or HTTP.
 */

export type CaptionFormat = 'webvtt' | 'srt';

export type ParsedCaptions =
  | { readonly ok: true; readonly format: CaptionFormat; readonly webvtt: string; readonly cueCount: number }
  | { readonly ok: false; readonly message: string };

interface Cue {
  readonly id: string | null;
  readonly startMs: number;
  readonly endMs: number;
  /** Whatever follows the end time on the timing line (WebVTT cue settings), kept as is. */
  readonly settings: string;
  readonly text: readonly string[];
}

class CaptionError extends Error {}
const fail = (message: string): never => {
  throw new CaptionError(message);
};

// WebVTT: [hh:]mm:ss.ttt (hours may have more digits); SRT: hh:mm:ss,ttt (some tools write a dot).
const vttTime = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;
const srtTime = /^(\d{1,}):([0-5]\d):([0-5]\d)[,.](\d{3})$/;

const millisOf = (text: string, pattern: RegExp): number | null => {
  const match = pattern.exec(text);
  if (match === null) return null;
  const [, hours = '0', minutes = '0', seconds = '0', millis = '0'] = match;
  return ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000 + Number(millis);
};

const timingHint = { webvtt: 'mm:ss.ttt or hh:mm:ss.ttt', srt: 'hh:mm:ss,ttt' } as const;

/** "start --> end [settings]", or a clear refusal naming the line and the expected form. */
const parseTiming = (line: string, lineNumber: number, format: CaptionFormat) => {
  const [start = '', rest = ''] = line.split('-->').map((part) => part.trim());
  const [end = '', ...settings] = rest.split(/\s+/);
  const pattern = format === 'webvtt' ? vttTime : srtTime;
  const startMs = millisOf(start, pattern);
  const endMs = millisOf(end, pattern);
  if (startMs === null || endMs === null) {
    return fail(`line ${lineNumber}: "${line.slice(0, 80)}" is not a cue timing; write "start --> end" with times as ${timingHint[format]}`);
  }
  if (endMs < startMs) return fail(`line ${lineNumber}: the cue ends (${end}) before it starts (${start})`);
  return { startMs, endMs, settings: settings.join(' ') };
};

/** Blocks separated by blank lines, each with the number of its first line (for messages). */
const blocksOf = (text: string): { first: number; lines: string[] }[] => {
  const blocks: { first: number; lines: string[] }[] = [];
  let current: { first: number; lines: string[] } | null = null;
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (line.trim() === '') {
      current = null;
      return;
    }
    if (current === null) {
      current = { first: index + 1, lines: [] };
      blocks.push(current);
    }
    current.lines.push(line);
  });
  return blocks;
};

/** A WebVTT cue block: an optional identifier line, then the timing line, then its text. */
const vttCue = (block: { first: number; lines: string[] }): Cue | null => {
  const timingAt = block.lines.findIndex((line) => line.includes('-->'));
  // NOTE, STYLE and REGION blocks carry no timing; they are not cues.
  if (timingAt === -1 || timingAt > 1) return null;
  const timing = parseTiming(block.lines[timingAt] ?? '', block.first + timingAt, 'webvtt');
  return { id: timingAt === 1 ? (block.lines[0] ?? null) : null, ...timing, text: block.lines.slice(timingAt + 1) };
};

const parseWebVtt = (text: string): Cue[] => {
  const [header, ...rest] = blocksOf(text);
  const firstLine = header?.lines[0] ?? '';
  if (!/^WEBVTT(?:[ \t].*)?$/.test(firstLine)) return fail('a WebVTT file starts with the line "WEBVTT"');
  // The header block may hold metadata lines; a cue needs a blank line before it.
  return rest.map(vttCue).filter((cue): cue is Cue => cue !== null);
};

/** An SRT block: its number, the timing line, then its text. */
const srtCue = (block: { first: number; lines: string[] }): Cue => {
  const [index = '', timing = '', ...cueText] = block.lines;
  if (!/^\d+$/.test(index.trim())) return fail(`line ${block.first}: an SRT cue starts with its number, found "${index.slice(0, 80)}"`);
  return { id: index.trim(), ...parseTiming(timing, block.first + 1, 'srt'), text: cueText };
};

const parseSrt = (text: string): Cue[] => blocksOf(text).map(srtCue);

const pad = (value: number, width: number) => String(value).padStart(width, '0');
const vttTimeOf = (ms: number) => `${pad(Math.floor(ms / 3_600_000), 2)}:${pad(Math.floor(ms / 60_000) % 60, 2)}:${pad(Math.floor(ms / 1000) % 60, 2)}.${pad(ms % 1000, 3)}`;

const cueText = (cue: Cue) => {
  const timing = `${vttTimeOf(cue.startMs)} --> ${vttTimeOf(cue.endMs)}${cue.settings === '' ? '' : ` ${cue.settings}`}`;
  // "-->" may not appear in cue text; SRT allows it, so it is escaped as WebVTT requires.
  const lines = cue.text.map((line) => line.replace(/-->/g, '--&gt;'));
  return [...(cue.id === null ? [] : [cue.id]), timing, ...lines].join('\n');
};

/** WebVTT from parsed cues: what is stored and served, whatever the creator sent. */
const webVttOf = (cues: readonly Cue[]): string => `WEBVTT\n\n${cues.map(cueText).join('\n\n')}\n`;

const formatOf = (text: string): CaptionFormat | null => {
  if (text.startsWith('WEBVTT')) return 'webvtt';
  if (/^\d+[ \t]*\r?\n[^\n]*-->/.test(text)) return 'srt';
  return null;
};

/** Validates a caption file and answers it as WebVTT, or says what is wrong with it in words a creator can act on. */
export const parseCaptions = (raw: string): ParsedCaptions => {
  const text = raw.replace(/^\uFEFF/, '');
  if (text.trim() === '') return { ok: false, message: 'the caption file is empty' };
  const format = formatOf(text);
  if (format === null) {
    return { ok: false, message: 'this is neither WebVTT (its first line is "WEBVTT") nor SRT (numbered cues, each with a line "hh:mm:ss,ttt --> hh:mm:ss,ttt")' };
  }
  try {
    const cues = format === 'webvtt' ? parseWebVtt(text) : parseSrt(text);
    if (cues.length === 0) return { ok: false, message: 'the caption file has no cues' };
    return { ok: true, format, webvtt: webVttOf(cues), cueCount: cues.length };
  } catch (error) {
    if (error instanceof CaptionError) return { ok: false, message: error.message };
    throw error;
  }
};
