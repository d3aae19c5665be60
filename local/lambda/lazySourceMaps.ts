import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';

/**
 * Stack traces of bundled code point at the TypeScript sources, the map read only when a trace is first formatted.
 * `--enable-source-maps` parses every bundle's map as the bundle loads: about a quarter of a second of each cold start
 * here, spent for the rare trace. Frames of files without a map next to them are left as V8 writes them.
 */
const maps = new Map<string, SourceMap | null>();

const mapOf = (file: string): SourceMap | null => {
  const known = maps.get(file);
  if (known !== undefined) return known;
  let map: SourceMap | null = null;
  try {
    if (existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]);
  } catch {
    // An unreadable map: the frame stays as generated.
  }
  maps.set(file, map);
  return map;
};

/** Where a frame of a bundle came from in the sources, or null when there is no map or no mapping. */
const originalOf = (frame: NodeJS.CallSite): string | null => {
  const file = frame.getFileName() ?? '';
  const map = file.endsWith('.cjs') ? mapOf(file) : null;
  if (map === null) return null;
  const entry = map.findEntry((frame.getLineNumber() ?? 0) - 1, (frame.getColumnNumber() ?? 0) - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
  return entry.originalSource === undefined ? null : `${resolve(dirname(file), entry.originalSource)}:${(entry.originalLine ?? 0) + 1}:${(entry.originalColumn ?? 0) + 1}`;
};

const frameText = (frame: NodeJS.CallSite): string => {
  const where = originalOf(frame);
  if (where === null) return `    at ${String(frame)}`;
  const name = frame.getFunctionName() ?? frame.getMethodName();
  return name === null ? `    at ${where}` : `    at ${name} (${where})`;
};

Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]): string => [String(error), ...frames.map(frameText)].join('\n');
