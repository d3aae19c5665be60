import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { deleteShow, myShows, putFile, retryIngest, setVisibility, startReupload, type StudioItem, type Visibility } from '../api/studio';
import { useApp } from '../app';
import { Empty, ErrorMessage, Loading } from '../components/status';

const pollMs = 3000;

const processingText = (show: StudioItem) => (show.progress === null ? `processing: ${show.stage ?? 'starting'}` : `transcoding ${show.progress.percent}%`);

const statusTexts: Partial<Record<StudioItem['status'], (show: StudioItem) => string>> = {
  awaitingUpload: () => 'waiting for the upload',
  processing: processingText,
  awaitingReview: () => 'in review',
  rejected: (show) => `rejected: ${show.problem?.message ?? 'no reason given'}`,
  failed: (show) => `failed at ${show.stage ?? 'a stage'}: ${show.problem?.message ?? 'no reason recorded'}`,
};

const statusText = (show: StudioItem): string => statusTexts[show.status]?.(show) ?? show.status;

const visibilities: readonly Visibility[] = ['public', 'unlisted', 'private'];

/** A new source for a rejected or failed show: the same presigned PUT as the first upload. */
const Reupload = ({ show }: { show: StudioItem }) => {
  const { api } = useApp();
  const [progress, setProgress] = useState(0);
  const reupload = useMutation({ mutationFn: async (file: File) => putFile(await startReupload(api, show.showId, file), file, setProgress) });
  return (
    <label>
      {`Upload a new source for ${show.title}`}
      <input type="file" accept="video/*" disabled={reupload.isPending} onChange={(e) => e.target.files?.[0] && reupload.mutate(e.target.files[0])} />
      {reupload.isPending && <progress aria-label={`Upload of ${show.title}`} max={1} value={progress} />}
      <ErrorMessage error={reupload.error} />
    </label>
  );
};

/** Ingest failures that are the file's own: only a new source helps, so no retry is offered. */
const failuresOfTheFile = new Set(['NO_VIDEO_STREAM', 'UNSUPPORTED_FORMAT']);
const mayRetryIngest = (show: StudioItem) => show.status === 'failed' && show.stage === 'ingest' && !failuresOfTheFile.has(show.problem?.reason ?? '');

/** Ingest the same source again, for a failure that was not the file's (the API's 409 says when a new upload is needed). */
const RetryIngest = ({ show, onDone }: { show: StudioItem; onDone: () => unknown }) => {
  const { api } = useApp();
  const retry = useMutation({ mutationFn: () => retryIngest(api, show.showId), onSuccess: onDone });
  return (
    <>
      <button type="button" disabled={retry.isPending} onClick={() => retry.mutate()}>
        {`Retry ingest of ${show.title}`}
      </button>
      <ErrorMessage error={retry.error} />
    </>
  );
};

const ShowRow = ({ show }: { show: StudioItem }) => {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['myShows'] });
  const visibility = useMutation({ mutationFn: (value: Visibility) => setVisibility(api, show, value), onSuccess: refresh });
  const remove = useMutation({ mutationFn: () => deleteShow(api, show.showId), onSuccess: refresh });
  const canReupload = show.status === 'rejected' || show.status === 'failed';
  return (
    <li className="row">
      <span className="title">{show.title}</span>
      <span data-testid="stage" aria-live="polite">
        {statusText(show)}
      </span>
      {show.progress !== null && <progress aria-label={`Transcode of ${show.title}`} max={100} value={show.progress.percent} />}
      <label>
        {`Who sees ${show.title}`}
        <select value={show.visibility} disabled={visibility.isPending} onChange={(e) => visibility.mutate(e.target.value as Visibility)}>
          {visibilities.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </label>
      {show.status === 'published' && <Link to={`/shows/${show.showId}`}>Open {show.title}</Link>}
      {mayRetryIngest(show) && <RetryIngest show={show} onDone={refresh} />}
      {canReupload && <Reupload show={show} />}
      <button type="button" disabled={remove.isPending} onClick={() => window.confirm(`Delete ${show.title} and its media for good?`) && remove.mutate()}>
        {`Delete ${show.title}`}
      </button>
      <ErrorMessage error={visibility.error ?? remove.error} />
    </li>
  );
};

export const MyShowsPage = () => {
  const { api } = useApp();
  const shows = useInfiniteQuery({
    queryKey: ['myShows'],
    queryFn: ({ pageParam }) => myShows(api, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: pollMs,
  });
  const items = shows.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="studio-title">
      <h1 id="studio-title">My shows</h1>
      <p>
        <Link to="/studio/upload">Upload a show</Link>
      </p>
      {shows.isPending && <Loading what="your shows" />}
      <ErrorMessage error={shows.error} />
      {shows.isSuccess && items.length === 0 && <Empty>You have no shows yet.</Empty>}
      <ul className="rows" aria-label="My shows">
        {items.map((show) => (
          <ShowRow key={show.showId} show={show} />
        ))}
      </ul>
      {shows.hasNextPage && (
        <button type="button" onClick={() => void shows.fetchNextPage()} disabled={shows.isFetchingNextPage}>
          More shows
        </button>
      )}
    </section>
  );
};
