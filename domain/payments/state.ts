import * as z from 'zod';

/**
 * One user's premium account: the orders they created, what happened to each payment, and the periods bought.
 * Null rather than undefined for absent parts: the state must round-trip through JSON.
 */
export const premiumStateSchema = z.strictObject({
  userId: z.string().nullable(),
  orders: z.record(
    z.string(),
    z.strictObject({ months: z.number(), amount: z.number(), currency: z.string(), paidBy: z.string().nullable() }),
  ),
  /**
   * Each payment seen: `refunded` is the sum of its refunds so far and `refundIds` the refunds counted; a payment is
   * `refunded` once they add up to its amount (partial refunds leave it `captured`).
   */
  payments: z.record(
    z.string(),
    z.strictObject({ orderId: z.string(), status: z.enum(['captured', 'failed', 'refunded']), amount: z.number(), refunded: z.number(), refundIds: z.array(z.string()) }),
  ),
  /** The period each captured payment bought, in order; a refund removes its own. */
  periods: z.array(z.strictObject({ paymentId: z.string(), startsAt: z.string(), endsAt: z.string() })),
  /** When premium ends (null: never had it). */
  endsAt: z.string().nullable(),
});
export type PremiumState = z.infer<typeof premiumStateSchema>;

export const initialPremiumState: PremiumState = { userId: null, orders: {}, payments: {}, periods: [], endsAt: null };

/** Premium streams are `premium#<userId>`: everything about one user's payments is decided on one stream. */
export const premiumStreamId = (userId: string): string => `premium#${userId}`;

/** Whether the user holds premium at `now`. */
export const premiumActiveAt = (state: PremiumState, now: string): boolean =>
  state.periods.some((period) => period.startsAt <= now && now < period.endsAt);
