import { currentRunOf, strandedStage, type StrandedQuestion } from './stranded';

const minute = 60_000;
const deadlinesMs = { ingest: 15 * minute, transcode: 5 * 60 * minute, review: 10 * minute, publish: 15 * minute };
const question = (overrides: Partial<StrandedQuestion>): StrandedQuestion => ({
  status: 'transcoding',
  enteredAt: '2026-03-01T10:00:00.000Z',
  execution: 'FAILED',
  deadlinesMs,
  now: '2026-03-01T16:00:00.000Z',
  ...overrides,
});

describe('Stranded: a show no run will move on', () => {
  it('given a stage past its deadline whose run ended or is unknown, names that stage', () => {
    for (const execution of ['FAILED', 'TIMED_OUT', 'ABORTED', 'SUCCEEDED', 'NOT_FOUND'] as const) {
      expect(strandedStage(question({ execution }))).toBe('transcode');
    }
    expect(strandedStage(question({ status: 'approved', now: '2026-03-01T10:15:00.000Z' }))).toBe('publish');
    expect(strandedStage(question({ status: 'inReview', now: '2026-03-01T10:10:00.000Z' }))).toBe('review');
    expect(strandedStage(question({ status: 'uploaded', now: '2026-03-01T10:20:00.000Z' }))).toBe('ingest');
  });

  it('given a live run, never: Step Functions enforces its timeouts and its Catch records the outcome', () => {
    expect(strandedStage(question({ execution: 'RUNNING', now: '2027-03-01T10:00:00.000Z' }))).toBeNull();
    expect(strandedStage(question({ execution: 'PENDING_REDRIVE' }))).toBeNull();
  });

  it('given a stage not yet past its deadline, not yet: the ended run\'s last record may be on its way', () => {
    expect(strandedStage(question({ now: '2026-03-01T14:59:59.999Z' }))).toBeNull();
    expect(strandedStage(question({ now: '2026-03-01T15:00:00.000Z' }))).toBe('transcode');
  });

  it('given an outcome or a status no run holds, never', () => {
    for (const status of ['draft', 'awaitingUpload', 'processingFailed', 'transcodeFailed', 'rejected', 'published', 'withdrawn', 'ingestFailed'] as const) {
      expect(strandedStage(question({ status }))).toBeNull();
    }
  });
});

describe('The run behind a show', () => {
  const at = (type: string, correlationId: string, occurredAt: string) => ({ type, correlationId, occurredAt });

  it('is the execution and time of the latest event that set the status, not of a metadata edit or an escalation', () => {
    const events = [
      at('UploadRequested', 'req-1', '2026-03-01T09:00:00.000Z'),
      at('SourceUploaded', 'run-1', '2026-03-01T09:01:00.000Z'),
      at('ReviewRequested', 'run-1', '2026-03-01T09:30:00.000Z'),
      at('ShowMetadataUpdated', 'req-2', '2026-03-01T09:40:00.000Z'),
      at('ReviewEscalated', 'run-1', '2026-03-01T09:50:00.000Z'),
    ];
    expect(currentRunOf(events)).toEqual({ executionName: 'run-1', enteredAt: '2026-03-01T09:30:00.000Z' });
    expect(currentRunOf([...events, at('TranscodeRequested', 'reprocess-9', '2026-03-02T00:00:00.000Z')])).toEqual({ executionName: 'reprocess-9', enteredAt: '2026-03-02T00:00:00.000Z' });
    expect(currentRunOf([])).toBeNull();
  });
});
