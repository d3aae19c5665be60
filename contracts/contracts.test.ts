import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { incompatibilities } from './tools/compatibility';
import { asyncApiPath, contractsDir, generatedContractFiles } from './tools/contractFiles';

const files = generatedContractFiles();

describe('published event contracts', () => {
  it.each(files.filter((f) => f.path !== asyncApiPath).map((f) => [relative(contractsDir, f.path), f] as const))(
    '%s is committed, and the events of that version still conform to it',
    (_name, file) => {
      expect({ file: relative(contractsDir, file.path), missing: !existsSync(file.path) ? 'run `npm run contracts` and commit contracts/' : undefined }).toEqual({ file: relative(contractsDir, file.path) });
      const published = JSON.parse(readFileSync(file.path, 'utf8')) as unknown;
      // An incompatible change to a published version fails here: give the event a new schemaVersion instead.
      expect(incompatibilities(published, JSON.parse(file.content))).toEqual([]);
      // A compatible one must still be written out for consumers.
      expect(readFileSync(file.path, 'utf8')).toBe(file.content);
    },
  );

  it('the committed AsyncAPI document is the one the contracts generate', () => {
    const file = files.find((f) => f.path === asyncApiPath);
    expect(existsSync(asyncApiPath)).toBe(true);
    expect(readFileSync(asyncApiPath, 'utf8')).toBe(file?.content);
  });
});

describe('the compatibility check', () => {
  const published = {
    type: 'object',
    additionalProperties: false,
    required: ['showId', 'reason'],
    properties: { showId: { type: 'string', description: 'the show' }, reason: { type: 'string', enum: ['RIGHTS', 'OTHER'] }, note: { type: 'string' } },
  };
  const revise = (change: (schema: typeof published) => unknown) => incompatibilities(published, change(structuredClone(published)));

  it('lets wording change through', () => {
    expect(revise((s) => ({ ...s, description: 'reworded', properties: { ...s.properties, showId: { type: 'string', description: 'another' } } }))).toEqual([]);
  });

  it('refuses any change of meaning: stored events must keep validating, consumers must keep understanding them', () => {
    expect(revise((s) => ({ ...s, properties: { ...s.properties, extra: { type: 'string' } } }))).toEqual(['$.extra: added']);
    expect(revise((s) => ({ ...s, required: ['showId'] }))).toEqual(['$: required field reason removed']);
    expect(revise((s) => ({ ...s, required: [...s.required, 'note'] }))).toEqual(['$: required field note added']);
    expect(revise((s) => ({ ...s, properties: { ...s.properties, reason: { type: 'string', enum: ['RIGHTS', 'OTHER', 'NEW'] } } }))).toEqual(['$.reason: enum value NEW added']);
    expect(revise((s) => ({ ...s, properties: { ...s.properties, showId: { type: 'number' } } }))).toEqual(['$.showId.type: changed from "string" to "number"']);
  });
});
