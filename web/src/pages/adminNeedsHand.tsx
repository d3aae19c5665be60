import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { deleteShow, reprocessShow, showsNeedingHand, type NeedsHandShow } from '../api/admin';
import { retryIngest } from '../api/studio';
import { useApp } from '../app';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { useHasRole } from '../components/useMe';

const Actions = ({ show }: { show: NeedsHandShow }) => {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['needs-hand'] });
  // A show that failed at ingest has no probed source to transcode: its ingest runs again on the recorded source.
  const atIngest = show.status !== 'rejected' && show.stage === 'ingest';
  const reprocess = useMutation({ mutationFn: () => (atIngest ? retryIngest(api, show.showId) : reprocessShow(api, show.showId)), onSuccess: refresh });
  const remove = useMutation({ mutationFn: () => deleteShow(api, show.showId), onSuccess: refresh });
  return (
    <>
      <div className="actions">
        <button type="button" className="primary" disabled={reprocess.isPending || reprocess.isSuccess} onClick={() => reprocess.mutate()}>
          {atIngest ? `Retry ingest of ${show.title}` : `Reprocess ${show.title}`}
        </button>
        {confirming ? (
          <>
            <button type="button" disabled={remove.isPending} onClick={() => remove.mutate()}>
              Yes, delete {show.title} for good
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep {show.title}
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            Delete {show.title}
          </button>
        )}
      </div>
      {reprocess.isSuccess && <p role="status">A new run started ({reprocess.data.executionName}).</p>}
      {remove.isSuccess && <p role="status">Deleted.</p>}
      <ErrorMessage error={reprocess.error ?? remove.error} />
    </>
  );
};

const ShowRow = ({ show, admin }: { show: NeedsHandShow; admin: boolean }) => (
  <li className="row">
    <h2>{show.title}</h2>
    <p>
      {show.status === 'rejected' ? 'Rejected in review' : `Failed at ${show.stage ?? 'an unknown stage'}`}
      {show.problem !== null && `: ${show.problem.message} (${show.problem.reason})`}
    </p>
    <p className="muted">
      Show {show.showId} · creator {show.creatorId} · since {new Date(show.updatedAt).toLocaleString()}
    </p>
    {admin && <Actions show={show} />}
  </li>
);

/** Failed (stranded runs included, once recorded) and rejected shows, newest first; admins reprocess or delete them. */
export const AdminNeedsHandPage = () => {
  const { api } = useApp();
  const admin = useHasRole('admin');
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const shows = useQuery({ queryKey: ['needs-hand', cursor], queryFn: () => showsNeedingHand(api, cursor), refetchInterval: 15_000 });
  const next = shows.data?.nextCursor ?? null;
  return (
    <section aria-labelledby="needs-hand-title">
      <h1 id="needs-hand-title">Shows that need a hand</h1>
      {shows.isPending && <Loading what="shows that need a hand" />}
      <ErrorMessage error={shows.error} />
      {shows.data?.items.length === 0 && <Empty>No show needs a hand.</Empty>}
      <ul className="rows" aria-label="Shows that need a hand">
        {shows.data?.items.map((show) => (
          <ShowRow key={show.showId} show={show} admin={admin} />
        ))}
      </ul>
      <div className="actions">
        {cursors.length > 0 && (
          <button type="button" onClick={() => setCursors(cursors.slice(0, -1))}>
            Newer shows
          </button>
        )}
        {next !== null && (
          <button type="button" onClick={() => setCursors([...cursors, next])}>
            Older shows
          </button>
        )}
      </div>
    </section>
  );
};
