import * as z from 'zod';

/** A rating is 1 to 5 whole stars. */
export const ratingSchema = z.number().int().min(1).max(5);

/** Kept as an exact integer sum and count: the average is computed on read, so no rounding ever accumulates. */
export interface RatingTotals {
  readonly ratingSum: number;
  readonly ratingCount: number;
}

/** The mean of all current ratings, or null when nobody has rated. */
export const averageRating = ({ ratingSum, ratingCount }: RatingTotals): number | null => (ratingCount === 0 ? null : ratingSum / ratingCount);
