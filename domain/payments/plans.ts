import * as z from 'zod';

export const planMonthsSchema = z.union([z.literal(1), z.literal(3), z.literal(6), z.literal(12)]);
export type PlanMonths = z.infer<typeof planMonthsSchema>;

/** Price per plan in the smallest currency unit: configuration, not code (PREMIUM_PRICES on the functions). */
export interface PriceList {
  readonly currency: string;
  readonly amounts: Readonly<Record<PlanMonths, number>>;
}

/** The Media Streaming Platform's prices, 99 / 289 / 569 / 899 INR, in paise: the documented default. */
export const defaultPriceList: PriceList = { currency: 'INR', amounts: { 1: 9900, 3: 28900, 6: 56900, 12: 89900 } };

/** Calendar months in UTC, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29), as billing does. */
export const addMonths = (iso: string, months: number): string => {
  const start = new Date(iso);
  const day = start.getUTCDate();
  const end = new Date(start);
  end.setUTCDate(1);
  end.setUTCMonth(end.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
  end.setUTCDate(Math.min(day, lastDay));
  return end.toISOString();
};
