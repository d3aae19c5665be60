import type { paths } from '../../../client/index';
import { unwrap, type Api } from './client';

export type UploadRequest = NonNullable<paths['/uploads']['post']['requestBody']>['content']['application/json'];
export type UploadTicket = paths['/uploads']['post']['responses'][201]['content']['application/json'];
export type StudioShow = paths['/studio/shows/{showId}']['get']['responses'][200]['content']['application/json'];
export type Workflow = paths['/shows/{showId}/workflow']['get']['responses'][200]['content']['application/json'];

export const startUpload = (api: Api, request: UploadRequest) => unwrap(api.POST('/uploads', { body: request }));

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

/**
 * The creator's shows. Today's API has no list route for a creator, so this browser remembers the shows it uploaded
 * (per account); GET /studio/shows replaces this once merged, behind the same two functions.
 */
const rememberedKey = (account: string) => `showrunner.myShows.${account}`;

export const myShowIds = (account: string): string[] => {
  try {
    const ids: unknown = JSON.parse(localStorage.getItem(rememberedKey(account)) ?? '[]');
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
};

export const rememberShow = (account: string, showId: string): void => {
  const ids = myShowIds(account).filter((id) => id !== showId);
  localStorage.setItem(rememberedKey(account), JSON.stringify([showId, ...ids]));
};
