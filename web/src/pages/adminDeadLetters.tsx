import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { redriveDeadLetters, streamDeadLetters, type DeadLetter, type DeadLettersPage, type RedriveResult } from '../api/deadLetters';
import { useApp } from '../app';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { useHasRole } from '../components/useMe';

const outcomeWords: Record<string, string> = {
  redriven: 'Redriven',
  failed: 'Failed again',
  records_missing: 'Records missing',
  unreadable: 'Not a stream batch',
  not_found: 'Not in the queue',
};

interface RedriveControl {
  readonly redrive: (messageId: string) => void;
  readonly pending: boolean;
}

const Redrive = ({ item, control }: { item: DeadLetter; control: RedriveControl }) => (
  <div className="actions">
    <button type="button" className="primary" disabled={control.pending || !item.records.retained} onClick={() => control.redrive(item.messageId)}>
      Redrive the batch of {item.function} from {item.startSequenceNumber}
    </button>
  </div>
);

// The outcome belongs to the page: a redriven message leaves the refreshed list, and its row with it.
const RedriveOutcome = ({ results }: { results: RedriveResult[] | undefined }) =>
  results === undefined ? null : (
    <>
      {results.map((result) => (
        <p role="status" key={result.messageId}>
          {outcomeWords[result.outcome] ?? result.outcome}: {result.message}
        </p>
      ))}
    </>
  );

const Records = ({ item }: { item: DeadLetter }) => (
  <details>
    <summary>
      {item.records.retained ? `The ${item.records.items.length} record(s), read back from the stream` : `Not retained: ${item.records.note ?? 'the stream no longer holds the batch'}`}
    </summary>
    <ol aria-label={`Records of the batch from ${item.startSequenceNumber}`}>
      {item.records.items.map((record) => (
        <li key={record.sequenceNumber}>
          {record.sequenceNumber} · {record.eventName} · {Object.entries(record.keys).map(([name, value]) => `${name} ${value}`).join(', ')}
        </li>
      ))}
    </ol>
  </details>
);

const DeadLetterRow = ({ item, control }: { item: DeadLetter; control: RedriveControl | undefined }) => (
  <li className="row">
    <h2>{item.function}</h2>
    <p>
      {item.batchSize} record(s) given up on after {item.invokeCount} tries ({item.condition}
      {item.functionError === null ? ', batch item failures' : `, ${item.functionError}`}) at {new Date(item.failedAt).toLocaleString()}
    </p>
    <p className="muted">
      Shard {item.shardId} · sequence {item.startSequenceNumber} to {item.endSequenceNumber} · message {item.messageId}
    </p>
    <Records item={item} />
    {control !== undefined && <Redrive item={item} control={control} />}
  </li>
);

const QueueSize = ({ page }: { page: DeadLettersPage }) => {
  if (page.approximateCount === 0) return <Empty>The stream dead-letter queue is empty.</Empty>;
  const shown = page.items.length + page.unreadable.length;
  return shown < page.approximateCount ? <p role="status">About {page.approximateCount} messages are in the queue; the first {shown} are shown.</p> : null;
};

/** What the stream consumers gave up on (operators and admins look; admins redrive). */
export const AdminDeadLettersPage = () => {
  const { api } = useApp();
  const admin = useHasRole('admin');
  const queryClient = useQueryClient();
  const letters = useQuery({ queryKey: ['stream-dead-letters'], queryFn: () => streamDeadLetters(api), refetchInterval: 15_000 });
  const redrive = useMutation({
    mutationFn: (messageId: string) => redriveDeadLetters(api, [messageId]),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['stream-dead-letters'] }),
  });
  const control = admin ? { redrive: (messageId: string) => redrive.mutate(messageId), pending: redrive.isPending } : undefined;
  return (
    <section aria-labelledby="dead-letters-title">
      <h1 id="dead-letters-title">Stream dead letters</h1>
      <p className="muted">
        Batches of stream records a consumer (the catalogue projector, the outbox publisher, the review queue projector) gave up on after its retries. A redrive replays the batch into its function and
        removes it from the queue only when the function succeeds; the consumers are idempotent, so a replay is safe.
      </p>
      <RedriveOutcome results={redrive.data?.results} />
      <ErrorMessage error={redrive.error} />
      {letters.isPending && <Loading what="the stream dead-letter queue" />}
      <ErrorMessage error={letters.error} />
      {letters.data !== undefined && <QueueSize page={letters.data} />}
      <ul className="rows" aria-label="Stream dead letters">
        {letters.data?.items.map((item) => (
          <DeadLetterRow key={item.messageId} item={item} control={control} />
        ))}
      </ul>
      {letters.data !== undefined && letters.data.unreadable.length > 0 && (
        <>
          <h2>Messages that are not a stream batch</h2>
          <ul aria-label="Messages that are not a stream batch">
            {letters.data.unreadable.map((message) => (
              <li key={message.messageId}>
                {message.messageId}: <code>{message.body}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
};
