import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { BenchSection } from './benchModule';

const sectionSchema = z.object({
  title: z.string(),
  measuredAt: z.string(),
  environment: z.string(),
  notes: z.array(z.string()),
  columns: z.array(z.string()),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number()]))),
});
const resultsSchema = z.record(z.string(), sectionSchema);
export type BenchResults = Readonly<Record<string, BenchSection>>;

/** Earlier results, so a run of one module keeps every other module's section. */
export const readResults = (path: string): BenchResults => {
  if (!existsSync(path)) return {};
  const parsed = resultsSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path} is not a benchmark results file (${parsed.error.message}): delete it and run the benchmarks again.`);
  return parsed.data;
};


const cell = (value: string | number | undefined): string =>
  value === undefined ? '' : typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 2 }) : value;

export const toMarkdown = (results: BenchResults): string =>
  [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (sections merge: `npm run bench -- <section>` re-runs one). Do not edit by hand.',
    '',
    ...Object.entries(results).flatMap(([key, section]: [string, BenchSection]) => [
      `## ${section.title} (\`${key}\`)`,
      '',
      `Measured ${section.measuredAt} on ${section.environment}.`,
      '',
      `| ${section.columns.join(' | ')} |`,
      `|${section.columns.map(() => '---').join('|')}|`,
      ...section.rows.map((row) => `| ${section.columns.map((column) => cell(row[column])).join(' | ')} |`),
      '',
      ...section.notes.map((note) => `- ${note}`),
      '',
    ]),
  ].join('\n');

export const writeResults = (jsonPath: string, markdownPath: string, results: BenchResults): void => {
  writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(markdownPath, toMarkdown(results));
};
