import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { redriveDeadLetters, streamDeadLetters, type DeadLetter, type DeadLettersPage } from '../api/deadLetters';
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

const Redrive = ({ item }: { item: DeadLetter }) => {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const redrive = useMutation({
    mutationFn: () => redriveDeadLetters(api, [item.messageId]),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['stream-dead-letters'] }),
  });
  const result = redrive.data?.results[0];
  return (
    <>
      <div className="actions">
        <button type="button" className="primary" disabled={redrive.isPending || !item.records.retained} onClick={() => redrive.mutate()}>
          Redrive the batch of {item.function} from {item.startSequenceNumber}
        </button>
      </div>
      {result !== undefined && (
        <p role="status">
          {outcomeWords[result.outcome] ?? result.outcome}: {result.message}
        </p>
      )}
      <ErrorMessage error={redrive.error} />
    </>
  );
};

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

const DeadLetterRow = ({ item, admin }: { item: DeadLetter; admin: boolean }) => (
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
    {admin && <Redrive item={item} />}
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
  const letters = useQuery({ queryKey: ['stream-dead-letters'], queryFn: () => streamDeadLetters(api), refetchInterval: 15_000 });
  return (
    <section aria-labelledby="dead-letters-title">
      <h1 id="dead-letters-title">Stream dead letters</h1>
      <p className="muted">
        Batches of stream records a consumer (the catalogue projector, the outbox publisher, the review queue projector) gave up on after its retries. A redrive replays the batch into its function and
        removes it from the queue only when the function succeeds; the consumers are idempotent, so a replay is safe.
      </p>
      {letters.isPending && <Loading what="the stream dead-letter queue" />}
      <ErrorMessage error={letters.error} />
      {letters.data !== undefined && <QueueSize page={letters.data} />}
      <ul className="rows" aria-label="Stream dead letters">
        {letters.data?.items.map((item) => (
          <DeadLetterRow key={item.messageId} item={item} admin={admin} />
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
