import type { paths } from '../../../client/index';
import { unwrap, type Api } from './client';

export type UploadRequest = NonNullable<paths['/uploads']['post']['requestBody']>['content']['application/json'];
// The web app uploads in one PUT (it never asks for multipart), so its tickets are always of that shape.
export type UploadTicket = Extract<paths['/uploads']['post']['responses'][201]['content']['application/json'], { upload: unknown }>;
export type StudioShow = paths['/studio/shows/{showId}']['get']['responses'][200]['content']['application/json'];
export type Workflow = paths['/shows/{showId}/workflow']['get']['responses'][200]['content']['application/json'];

const onePut = (ticket: UploadTicket | { multipart: unknown }): UploadTicket => {
  if (!('upload' in ticket)) throw new Error('The API answered a multipart upload the app did not ask for.');
  return ticket;
};

export const startUpload = async (api: Api, request: UploadRequest): Promise<UploadTicket> => onePut(await unwrap(api.POST('/uploads', { body: request })));

export const studioShow = (api: Api, showId: string) => unwrap(api.GET('/studio/shows/{showId}', { params: { path: { showId } } }));

export const showWorkflow = (api: Api, showId: string) => unwrap(api.GET('/shows/{showId}/workflow', { params: { path: { showId } } }));

/**
 * PUT the file to the presigned URL. That is storage (S3), not our API, so no typed client: XMLHttpRequest, because
 * it reports upload progress (fetch does not).
 */
export const putFile = (ticket: UploadTicket, file: File, onProgress: (fraction: number) => void): Promise<void> =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(ticket.upload.method, ticket.upload.url);
    for (const [name, value] of Object.entries(ticket.upload.headers)) if (name.toLowerCase() !== 'host' && name.toLowerCase() !== 'content-length') xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onload = () => (xhr.status < 300 ? resolve() : reject(new Error(`Storage refused the file (HTTP ${xhr.status}). Start the upload again.`)));
    xhr.onerror = () => reject(new Error('The file could not be sent to storage: check your connection and start the upload again.'));
    xhr.send(file);
  });

export type StudioPage = paths['/studio/shows']['get']['responses'][200]['content']['application/json'];
export type StudioItem = StudioPage['items'][number];
export type Visibility = StudioItem['visibility'];

/** The creator's shows, newest first, one page at a time (`cursor`: the previous page's nextCursor). */
export const myShows = (api: Api, cursor?: string) => unwrap(api.GET('/studio/shows', { params: { query: cursor === undefined ? {} : { cursor } } }));

/** If-Match with the version the page shows: a show changed meanwhile answers 412 with what to do. */
export const setVisibility = (api: Api, show: StudioItem, visibility: Visibility) =>
  unwrap(api.PUT('/shows/{showId}', { params: { path: { showId: show.showId }, header: { 'if-match': String(show.version) } }, body: { visibility } }));

export const deleteShow = (api: Api, showId: string) => unwrap(api.DELETE('/shows/{showId}', { params: { path: { showId }, query: {} } }));

export const startReupload = async (api: Api, showId: string, file: File): Promise<UploadTicket> =>
  onePut(await unwrap(api.POST('/shows/{showId}/uploads', { params: { path: { showId } }, body: { fileName: file.name, contentType: file.type || 'video/mp4', sizeBytes: file.size } })));

/** Ingest the recorded source again after an ingest that failed for a reason other than the file's own. */
export const retryIngest = (api: Api, showId: string) => unwrap(api.POST('/shows/{showId}/ingest/retry', { params: { path: { showId } } }));
