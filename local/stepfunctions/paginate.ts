import { StepFunctionsApiError } from './errors';

// AWS's page size when maxResults is 0 or absent.
const DEFAULT_PAGE_SIZE = 100;

/** Offset pagination behind an opaque nextToken, as the List/GetExecutionHistory operations page. */
export const paginate = <T>(all: T[], maxResults: number | undefined, nextToken: string | undefined): { items: T[]; nextToken?: string } => {
  const start = nextToken === undefined ? 0 : Number(Buffer.from(nextToken, 'base64url').toString('utf8'));
  if (!Number.isInteger(start) || start < 0 || start > all.length) {
    throw new StepFunctionsApiError('InvalidToken', 'Invalid Token: nextToken was not issued by this service');
  }
  const size = maxResults || DEFAULT_PAGE_SIZE;
  const end = start + size;
  return { items: all.slice(start, end), ...(end < all.length ? { nextToken: Buffer.from(String(end)).toString('base64url') } : {}) };
};
