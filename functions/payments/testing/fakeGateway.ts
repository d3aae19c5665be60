import { PaymentGatewayError, type GatewayOrder, type PaymentGateway } from '../gateway';

/**
 * Razorpay's Orders API in memory, as far as the handlers use it: an unknown order id gets the gateway's 400, and
 * `failing` makes every call fail as an outage (5xx) does.
 */
export const fakeGateway = () => {
  const orders = new Map<string, GatewayOrder>();
  const state = { failing: false };
  const reachable = () => {
    if (state.failing) throw new PaymentGatewayError(503, 'payment gateway answered 503');
  };
  const gateway: PaymentGateway = {
    createOrder: async (input) => {
      reachable();
      const order: GatewayOrder = { id: `order_${orders.size + 1}`, entity: 'order', status: 'created', ...input };
      orders.set(order.id, order);
      return order;
    },
    fetchOrder: async (orderId) => {
      reachable();
      const order = orders.get(orderId);
      if (order === undefined) throw new PaymentGatewayError(400, 'payment gateway answered 400: The id provided does not exist');
      return order;
    },
  };
  return { gateway, orders, state };
};
