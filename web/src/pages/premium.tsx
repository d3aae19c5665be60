import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { confirmPremium, orderPremium, payAtCheckout, planMonths, type PlanMonths } from '../api/premium';
import { payWithRazorpay } from '../api/razorpay';
import { useApp } from '../app';
import { ErrorMessage, Loading } from '../components/status';
import { useMe } from '../components/useMe';

/** Order at the API, pay at the gateway's checkout, confirm the signed answer at the API. */
const useBuy = () => {
  const { api, config, session } = useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (months: PlanMonths) => {
      const { checkoutUrl, paymentGateway } = config;
      if (paymentGateway === 'simulator' && checkoutUrl === null) throw new Error('Payments are not set up for this site (no checkoutUrl in config.json).');
      const order = await orderPremium(api, months);
      const paid = paymentGateway === 'razorpay' ? await payWithRazorpay(order, session?.email) : await payAtCheckout(checkoutUrl ?? '', order.orderId);
      return confirmPremium(api, paid);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['me'] }),
  });
};

export const PremiumPage = () => {
  const me = useMe();
  const buy = useBuy();
  const [months, setMonths] = useState<PlanMonths>(1);
  const active = me.data?.premium.active === true;
  return (
    <section aria-labelledby="premium-title" className="narrow">
      <h1 id="premium-title">Premium</h1>
      {me.isPending && <Loading what="your account" />}
      <ErrorMessage error={me.error} />
      {active && <p role="status">Premium is active until {me.data?.premium.endsAt ?? 'further notice'}.</p>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          buy.mutate(months);
        }}
      >
        <label>
          Plan
          <select value={months} onChange={(e) => setMonths(Number(e.target.value) as PlanMonths)}>
            {planMonths.map((m) => (
              <option key={m} value={m}>
                {m} {m === 1 ? 'month' : 'months'}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={buy.isPending}>
          {buy.isPending ? 'Paying…' : active ? 'Extend premium' : 'Buy premium'}
        </button>
      </form>
      {buy.isSuccess && <p role="status">Paid: premium until {buy.data.premium.endsAt ?? 'further notice'}.</p>}
      <ErrorMessage error={buy.error} />
    </section>
  );
};
