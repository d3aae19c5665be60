import type { PlanMonths } from './plans';

interface Base {
  readonly userId: string;
  /** When the command was accepted (ISO 8601). */
  readonly now: string;
}

/** Record an order the gateway has just created for this user. */
export interface RecordOrder extends Base {
  readonly kind: 'RecordOrder';
  readonly orderId: string;
  readonly months: PlanMonths;
  readonly amount: number;
  readonly currency: string;
  readonly receipt: string;
}

/** Checkout's answer, as the client sends it back: trusted only if its signature matches the stored order. */
export interface ConfirmPayment extends Base {
  readonly kind: 'ConfirmPayment';
  readonly orderId: string;
  readonly paymentId: string;
  readonly signature: string;
}

/** A signed webhook said the payment was captured (the webhook's signature was checked before parsing). */
export interface RecordCapture extends Base {
  readonly kind: 'RecordCapture';
  readonly orderId: string;
  readonly paymentId: string;
  readonly amount: number;
  readonly currency: string;
}

export interface RecordFailure extends Base {
  readonly kind: 'RecordFailure';
  readonly orderId: string;
  readonly paymentId: string;
  readonly reason: string;
}

export interface RecordRefund extends Base {
  readonly kind: 'RecordRefund';
  readonly orderId: string;
  readonly paymentId: string;
  readonly refundId: string;
  readonly amount: number;
}

export type PremiumCommand = RecordOrder | ConfirmPayment | RecordCapture | RecordFailure | RecordRefund;
