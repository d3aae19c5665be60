import type { z } from 'zod';
import type { EngagementTotals } from '../../adapters/projections';
import { averageRating, type CatalogEntry, type Viewer } from '../../domain/catalog';
import type { Caller } from '../http/caller';
import type { showDetailSchema, showSummarySchema, studioShowSchema } from './schemas';

/** The caller as the catalogue's audience rules see it. */
export const viewerOf = (caller: Caller | undefined): Viewer | undefined =>
  caller === undefined ? undefined : { userId: caller.userId, admin: caller.roles.includes('admin') };

export const summaryOf = (entry: CatalogEntry): z.infer<typeof showSummarySchema> => ({
  showId: entry.showId,
  title: entry.title,
  description: entry.description,
  genre: entry.genre,
  language: entry.language,
  premium: entry.premium,
  thumbnailUrls: entry.thumbnailUrls,
  captions: entry.captions,
  publishedAt: entry.publishedAt,
  version: entry.version,
});

const lifecycleOf = (entry: CatalogEntry) => ({ status: entry.status, visibility: entry.visibility, stage: entry.stage, problem: entry.problem });

/** A premium show's media is only handed out with a grant (GET /shows/{showId}/playback): no URL here. */
export const detailOf = (entry: CatalogEntry, totals: EngagementTotals): z.infer<typeof showDetailSchema> => ({
  ...summaryOf(entry),
  ...lifecycleOf(entry),
  creatorId: entry.creatorId,
  playback: entry.premium ? [] : entry.playback,
  likeCount: totals.likeCount,
  ratingCount: totals.ratingCount,
  averageRating: averageRating(totals),
});

export const studioItemOf = (entry: CatalogEntry, percent: number | null): z.infer<typeof studioShowSchema> => ({
  ...summaryOf(entry),
  ...lifecycleOf(entry),
  progress: percent === null ? null : { stage: 'transcode', percent },
  draftedAt: entry.draftedAt,
  updatedAt: entry.updatedAt,
});

/** Whether the transcode of this show runs now: the one case where progress is looked up. */
export const isTranscoding = (entry: CatalogEntry): entry is CatalogEntry & { transcodeId: string } =>
  entry.status === 'processing' && entry.stage === 'transcode' && entry.transcodeId !== null;
