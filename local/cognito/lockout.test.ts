import { createLockout } from './lockout';

describe('sign-in lockout', () => {
  it('allows five failures, then locks for 1 s, 2 s, 4 s ...; a success clears the count', () => {
    let now = 0;
    const lockout = createLockout({ now: () => now });
    for (let i = 0; i < 4; i += 1) lockout.failed('ada');
    expect(lockout.locked('ada')).toBe(false);
    lockout.failed('ada');
    expect(lockout.locked('ada')).toBe(true);
    now += 1000;
    expect(lockout.locked('ada')).toBe(false);
    lockout.failed('ada');
    now += 1999;
    expect(lockout.locked('ada')).toBe(true);
    now += 1;
    expect(lockout.locked('ada')).toBe(false);
    lockout.succeeded('ada');
    lockout.failed('ada');
    expect(lockout.locked('ada')).toBe(false);
    expect(lockout.locked('someone-else')).toBe(false);
  });
});
