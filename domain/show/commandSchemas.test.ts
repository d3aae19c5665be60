import { showCommandInputSchemas } from './commandSchemas';
import * as f from './fixtures';

const inputOf = <T extends object>(command: T) => {
  const { type: _type, showId: _showId, now: _now, actor: _actor, ...input } = command as T & Record<string, unknown>;
  return input;
};

describe('command input schemas', () => {
  it.each([
    ['DraftShow', f.draftShow],
    ['RequestUpload', f.requestUpload()],
    ['RecordSourceUploaded', f.recordSourceUploaded()],
    ['StartIngest', f.startIngest()],
    ['RecordSourceProbe', f.recordSourceProbe()],
    ['RequestTranscode', f.requestTranscode()],
    ['RecordTranscodeCompletion', f.recordTranscodeCompletion()],
    ['RecordTranscodeFailure', f.recordTranscodeFailure()],
    ['RequestReview', f.requestReview],
    ['ApproveShow', f.approveShow],
    ['RejectShow', f.rejectShow],
    ['PublishShow', f.publishShow],
    ['WithdrawShow', f.withdrawShow],
  ] as const)('accept the fields of a valid %s', (type, command) => {
    const input = inputOf(command);
    expect(showCommandInputSchemas[type].parse(input)).toEqual(input);
  });

  it('default the language of a draft to "und"', () => {
    const { language: _language, ...withoutLanguage } = inputOf(f.draftShow);
    expect(showCommandInputSchemas.DraftShow.parse(withoutLanguage)).toMatchObject({ language: 'und' });
  });

  it('refuse a metadata update that changes nothing', () => {
    expect(showCommandInputSchemas.UpdateShowMetadata.safeParse({}).success).toBe(false);
    expect(showCommandInputSchemas.UpdateShowMetadata.parse({ genre: 'travel' })).toEqual({ genre: 'travel' });
  });

  it('refuse unknown fields and bad values with the path of the problem', () => {
    const result = showCommandInputSchemas.RejectShow.safeParse({ reason: 'BORING', message: 'x', extra: 1 });
    expect(result.error?.issues.map((issue) => issue.path.join('.') || issue.code).sort()).toEqual(['reason', 'unrecognized_keys']);
  });
});
