/** Stable codes of refused payment commands; clients branch on them. Add, never rename. */
export const premiumRefusalCodes = {
  orderNotFound: 'ORDER_NOT_FOUND',
  signatureInvalid: 'SIGNATURE_INVALID',
  amountMismatch: 'AMOUNT_MISMATCH',
  orderAlreadyPaid: 'ORDER_ALREADY_PAID',
  paymentRefunded: 'PAYMENT_REFUNDED',
  paymentFailed: 'PAYMENT_FAILED',
} as const;
