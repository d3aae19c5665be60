import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { myShowIds, showWorkflow, studioShow, type Workflow } from '../api/studio';
import { useApp } from '../app';
import { Empty, ErrorMessage, Loading } from '../components/status';

const pollMs = 2000;

const stageNames: Record<NonNullable<Workflow['currentStage']>, string> = {
  upload: 'uploading',
  ingest: 'checking the file',
  transcode: 'transcoding',
  review: 'in review',
  publish: 'publishing',
};

const stageText = (workflow: Workflow | undefined): string => {
  if (workflow === undefined || workflow.currentStage === null) return 'waiting for the upload';
  if (workflow.error !== null) return `failed at ${workflow.error.stage}: ${workflow.error.message}`;
  if (workflow.progress !== null) return `transcoding ${Math.round(workflow.progress.percent)}%`;
  const last = workflow.stages.at(-1);
  return last?.status === 'succeeded' && workflow.currentStage === 'publish' ? 'published' : stageNames[workflow.currentStage];
};

const TranscodeProgress = ({ title, workflow }: { title: string; workflow: Workflow | undefined }) =>
  workflow?.progress == null ? null : <progress aria-label={`Transcode of ${title}`} max={100} value={workflow.progress.percent} />;

const ShowRow = ({ showId }: { showId: string }) => {
  const { api } = useApp();
  const show = useQuery({ queryKey: ['studio', showId], queryFn: () => studioShow(api, showId), refetchInterval: pollMs });
  // 404 until the upload has started the workflow: keep polling.
  const workflow = useQuery({ queryKey: ['workflow', showId], queryFn: () => showWorkflow(api, showId), refetchInterval: pollMs, retry: false });
  const title = show.data?.title ?? showId;
  return (
    <li className="row">
      <span className="title">{title}</span>
      <span className="badge">{show.data?.visibility ?? 'draft'}</span>
      <span data-testid="stage" aria-live="polite">
        {stageText(workflow.data)}
      </span>
      <TranscodeProgress title={title} workflow={workflow.data} />
      {show.data?.visibility === 'published' && <Link to={`/shows/${showId}`}>Open in the catalogue</Link>}
      <ErrorMessage error={show.error} />
    </li>
  );
};

export const MyShowsPage = () => {
  const { session } = useApp();
  const ids = useQuery({ queryKey: ['myShows', session?.email], queryFn: () => myShowIds(session?.email ?? '') });
  return (
    <section aria-labelledby="studio-title">
      <h1 id="studio-title">My shows</h1>
      <p>
        <Link to="/studio/upload">Upload a show</Link>
      </p>
      {ids.isPending && <Loading what="your shows" />}
      {ids.data?.length === 0 && <Empty>You have not uploaded a show from this browser yet.</Empty>}
      <ul className="rows" aria-label="My shows">
        {ids.data?.map((id) => (
          <ShowRow key={id} showId={id} />
        ))}
      </ul>
    </section>
  );
};
