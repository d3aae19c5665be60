import { unwrap, type Api } from './client';
import { parsePaid, type Paid } from './paid';

export type PlanMonths = 1 | 3 | 6 | 12;
export const planMonths: readonly PlanMonths[] = [1, 3, 6, 12];


export const orderPremium = (api: Api, months: PlanMonths) => unwrap(api.POST('/premium/orders', { body: { months } }));

/**
 * The checkout step, which is the payment gateway's and not our API's: locally, the payment simulator's checkout
 * (POST /checkout/{orderId}/pay, reached through the web server so the browser stays on one origin).
 */
export const payAtCheckout = async (checkoutUrl: string, orderId: string): Promise<Paid> => {
  const response = await fetch(`${checkoutUrl}/checkout/${encodeURIComponent(orderId)}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ outcome: 'success' }),
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`The checkout refused the payment (HTTP ${response.status}); no money was taken. Try again.`);
  return parsePaid(body);
};

export const confirmPremium = (api: Api, paid: Paid) => unwrap(api.POST('/premium/confirm', { body: paid }));

/** The playback grant: signed source URLs (HLS, DASH...) valid until expiresAt, and the grant's query for each request. */
export const playbackGrant = (api: Api, showId: string) => unwrap(api.GET('/shows/{showId}/playback', { params: { path: { showId } } }));
