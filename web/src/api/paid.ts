import { z } from 'zod/mini';

/** What a checkout hands the browser once paid (the simulator's and Razorpay's alike): the signed trio the API confirms. */
const paidSchema = z.object({ razorpay_order_id: z.string(), razorpay_payment_id: z.string(), razorpay_signature: z.string() });
export type Paid = z.output<typeof paidSchema>;
export const parsePaid = (body: unknown): Paid => paidSchema.parse(body);
