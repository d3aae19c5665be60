import { z } from 'zod';
import { defineEvent, InvalidEventContractError, upcastFrom } from './contract';
import { createEventRegistry } from './createRegistry';
import { storedEnvelope } from './testFixtures';

const v1 = z.strictObject({ amount: z.number() });
const v2 = z.strictObject({ amountMinor: z.number().int() });
const v3 = z.strictObject({ amountMinor: z.number().int(), currency: z.string() });

describe('defineEvent', () => {
  it('runs a chain of upcasters in order, v1 -> v2 -> v3', () => {
    const paymentCaptured = defineEvent({
      type: 'PaymentCaptured',
      context: 'payments',
      schemaVersion: 3,
      description: 'test',
      schema: v3,
      upcasters: [
        upcastFrom(1, v1, ({ amount }) => ({ amountMinor: Math.round(amount * 100) })),
        upcastFrom(2, v2, (data) => ({ ...data, currency: 'INR' })),
      ],
    });
    const registry = createEventRegistry([paymentCaptured]);
    const stored = storedEnvelope({ type: 'PaymentCaptured', context: 'payments', schemaVersion: 1, data: { amount: 99.5 } });
    expect(registry.decode(stored)).toMatchObject({ schemaVersion: 3, data: { amountMinor: 9950, currency: 'INR' } });
    const fromV2 = { ...stored, schemaVersion: 2, data: { amountMinor: 100 } };
    expect(registry.decode(fromV2).data).toEqual({ amountMinor: 100, currency: 'INR' });
  });

  it('refuses a chain with a missing version', () => {
    const define = () =>
      defineEvent({
        type: 'PaymentCaptured',
        context: 'payments',
        schemaVersion: 3,
        description: 'test',
        schema: v3,
        upcasters: [upcastFrom(2, v2, (data) => ({ ...data, currency: 'INR' }))],
      });
    expect(define).toThrow(InvalidEventContractError);
    expect(define).toThrow('needs upcasters from versions [1, 2] in order, got [2]');
  });

  it('refuses a name that is not PascalCase', () => {
    expect(() =>
      defineEvent({ type: 'payment_captured', context: 'payments', schemaVersion: 1, description: 'test', schema: v1 }),
    ).toThrow('PascalCase');
  });

  it('refuses a registry with the same type twice', () => {
    const one = defineEvent({ type: 'PaymentCaptured', context: 'payments', schemaVersion: 1, description: 'a', schema: v1 });
    expect(() => createEventRegistry([one, one])).toThrow('registered twice');
  });

  it.each([
    ['z.object', z.object({ a: z.string() })],
    ['z.looseObject', z.looseObject({ a: z.string() })],
  ])('refuses a %s schema: undeclared fields would reach stored events', (_name, schema) => {
    expect(() => defineEvent({ type: 'Loose', context: 'catalog', schemaVersion: 1, description: 'x', schema })).toThrow(
      'must be a z.strictObject',
    );
  });
});
