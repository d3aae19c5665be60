import { BlockList, isIP } from 'node:net';
import { InvalidEventPatternError } from './errors';

const familyOf = (address: string): 'ipv4' | 'ipv6' | undefined => {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : undefined;
};

/** Whether an event value lies in a CIDR block; the block is checked when the pattern is compiled. */
export const compileCidr = (cidr: string): ((value: string) => boolean) => {
  const parts = cidr.split('/');
  const [address, maskText] = parts;
  if (parts.length !== 2 || address === undefined || maskText === undefined) {
    throw new InvalidEventPatternError("Malformed CIDR, one '/' required");
  }
  if (!/^\d+$/.test(maskText)) throw new InvalidEventPatternError('Malformed CIDR, mask bits must be an integer');
  const family = familyOf(address);
  if (family === undefined) throw new InvalidEventPatternError(`Invalid IP address: ${address}`);
  const mask = Number(maskText);
  // Event Ruler (the matcher behind EventBridge) refuses full-length masks; use an exact IP value instead.
  if (family === 'ipv4' && mask > 31) throw new InvalidEventPatternError('IPv4 mask bits must be < 32');
  if (family === 'ipv6' && mask > 127) throw new InvalidEventPatternError('IPv6 mask bits must be < 128');
  const block = new BlockList();
  block.addSubnet(address, mask, family);
  return (value) => {
    const valueFamily = familyOf(value);
    return valueFamily === family && block.check(value, valueFamily);
  };
};

/**
 * EventBridge compares an exact string that is an IP address as an address, so `2001:db8::1` in a pattern
 * matches `2001:0db8:0:0:0:0:0:1` in an event.
 */
export const compileExactString = (expected: string): ((value: string) => boolean) => {
  const family = familyOf(expected);
  if (family === undefined) return (value) => value === expected;
  const block = new BlockList();
  block.addAddress(expected, family);
  return (value) => value === expected || (familyOf(value) === family && block.check(value, family));
};
