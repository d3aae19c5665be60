import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JobStatus, JobStore, LocalJob } from './jobs';

const epochSeconds = (date: Date | null) => (date === null ? undefined : Math.floor(date.getTime() / 1000));

/** A job on MediaConvert's wire (restJson1, camelCase members, unix-second timestamps), as GetJob and ListJobs answer. */
export const wireJob = (job: LocalJob) => ({
  id: job.id,
  arn: job.arn,
  role: job.role,
  queue: job.queue,
  settings: job.settings,
  userMetadata: job.userMetadata,
  status: job.status,
  createdAt: epochSeconds(job.createdAt),
  ...(job.currentPhase === null ? {} : { currentPhase: job.currentPhase }),
  // MediaConvert reports the percentage only while the job is transcoding.
  ...(job.status === 'PROGRESSING' && job.percentComplete !== null ? { jobPercentComplete: job.percentComplete } : {}),
  ...(job.outputGroupDetails === null ? {} : { outputGroupDetails: job.outputGroupDetails }),
  ...(job.error === null ? {} : { errorCode: job.error.code, errorMessage: job.error.message }),
  timing: { submitTime: epochSeconds(job.createdAt), startTime: epochSeconds(job.startedAt), finishTime: epochSeconds(job.finishedAt) },
});

const statuses: readonly JobStatus[] = ['SUBMITTED', 'PROGRESSING', 'COMPLETE', 'ERROR'];

const send = (res: ServerResponse, status: number, body: unknown, errorType?: string): void => {
  res.writeHead(status, { 'content-type': 'application/json', ...(errorType === undefined ? {} : { 'x-amzn-errortype': errorType }) });
  res.end(JSON.stringify(body));
};

const getJob = (jobs: JobStore, res: ServerResponse, id: string): void => {
  const job = jobs.get(id);
  if (job === undefined) return send(res, 404, { message: `The job ${id} does not exist.` }, 'NotFoundException');
  send(res, 200, { job: wireJob(job) });
};

// maxResults is clamped to 1..20 (20 when absent or not a number); nextToken is the offset of the next page.
const pageOf = (query: URLSearchParams): { maxResults: number; offset: number } => ({
  maxResults: Math.min(20, Math.max(1, Number(query.get('maxResults') ?? 20) || 20)),
  offset: Number(query.get('nextToken') ?? 0) || 0,
});

const listFilter = (query: URLSearchParams, status: JobStatus | undefined) => {
  const queue = query.get('queue') ?? undefined;
  return { order: query.get('order') === 'ASCENDING' ? ('ASCENDING' as const) : ('DESCENDING' as const), ...(status === undefined ? {} : { status }), ...(queue === undefined ? {} : { queue }) };
};

const listJobs = (jobs: JobStore, res: ServerResponse, query: URLSearchParams): void => {
  const status = query.get('status') ?? undefined;
  if (status !== undefined && !statuses.includes(status as JobStatus)) return send(res, 400, { message: `status must be one of ${statuses.join(', ')}` }, 'BadRequestException');
  const { maxResults, offset } = pageOf(query);
  const all = jobs.list(listFilter(query, status as JobStatus | undefined));
  const page = all.slice(offset, offset + maxResults);
  send(res, 200, { jobs: page.map(wireJob), ...(offset + maxResults < all.length ? { nextToken: String(offset + maxResults) } : {}) });
};

/**
 * The read side of MediaConvert's REST API over the local jobs: `GET /2017-08-29/jobs/{id}` (GetJob) and
 * `GET /2017-08-29/jobs` (ListJobs: status, queue, order, maxResults, nextToken). Jobs are created by the Step
 * Functions integration (`mediaconvert:createJob.sync`), not through this API.
 */
export const createMediaConvertApiHandler = (jobs: JobStore) => (req: IncomingMessage, res: ServerResponse) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const single = /^\/2017-08-29\/jobs\/([^/]+)$/.exec(url.pathname)?.[1];
  if (req.method === 'GET' && single !== undefined) return getJob(jobs, res, decodeURIComponent(single));
  if (req.method === 'GET' && url.pathname === '/2017-08-29/jobs') return listJobs(jobs, res, url.searchParams);
  send(res, 404, { message: `The local MediaConvert answers GetJob and ListJobs only, not ${req.method ?? ''} ${url.pathname}.` }, 'NotFoundException');
};

/** Serves the API on 127.0.0.1 (`port` 0: any free port); handlers reach it through AWS_ENDPOINT_URL_MEDIACONVERT. */
export const startMediaConvertApi = async (jobs: JobStore, port = 0) => {
  const handler = createMediaConvertApiHandler(jobs);
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
