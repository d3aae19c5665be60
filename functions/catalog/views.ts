import type { z } from 'zod';
import type { EngagementTotals } from '../../adapters/projections';
import { averageRating, type CatalogEntry } from '../../domain/catalog';
import type { Caller } from '../http/caller';
import type { showDetailSchema, showSummarySchema } from './schemas';

/** Published shows are for everyone; a private one for its creator and admins; a withdrawn one for admins only. */
export const canSee = (entry: CatalogEntry, caller: Caller | undefined): boolean => {
  if (entry.visibility === 'published') return true;
  if (caller === undefined) return false;
  if (caller.roles.includes('admin')) return true;
  return entry.visibility === 'private' && caller.userId === entry.creatorId;
};

export const summaryOf = (entry: CatalogEntry): z.infer<typeof showSummarySchema> => ({
  showId: entry.showId,
  title: entry.title,
  description: entry.description,
  genre: entry.genre,
  language: entry.language,
  premium: entry.premium,
  thumbnailUrls: entry.thumbnailUrls,
  publishedAt: entry.publishedAt,
  version: entry.version,
});

export const detailOf = (entry: CatalogEntry, totals: EngagementTotals): z.infer<typeof showDetailSchema> => ({
  ...summaryOf(entry),
  visibility: entry.visibility,
  creatorId: entry.creatorId,
  playback: entry.playback,
  likeCount: totals.likeCount,
  ratingCount: totals.ratingCount,
  averageRating: averageRating(totals),
});
