import { isPlainObject } from './patternValues';

export class InvalidJsonPathError extends Error {
  constructor(path: string) {
    super(`JSONPath ${path} is not supported locally: use $, $.a.b, $.a[0] or $['a b'] (EventBridge's InputPath forms).`);
    this.name = 'InvalidJsonPathError';
  }
}

const step = /^(?:\.([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\])/;

/** Splits `$.detail.instance-id`, `$.resources[0]` or `$['a b']` into keys; hyphens are fine, as in AWS. */
export const parseJsonPath = (path: string): (string | number)[] => {
  if (!path.startsWith('$')) throw new InvalidJsonPathError(path);
  const keys: (string | number)[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const match = step.exec(rest);
    if (match === null) throw new InvalidJsonPathError(path);
    const [whole, dotted, index, singleQuoted, doubleQuoted] = match;
    keys.push(index !== undefined ? Number(index) : (dotted ?? singleQuoted ?? doubleQuoted ?? ''));
    rest = rest.slice(whole.length);
  }
  return keys;
};

/** The value at `path`, or undefined when any step is missing. */
export const readJsonPath = (root: unknown, path: string): unknown =>
  parseJsonPath(path).reduce<unknown>((node, key) => {
    if (typeof key === 'number') return Array.isArray(node) ? node[key] : undefined;
    return isPlainObject(node) && Object.hasOwn(node, key) ? node[key] : undefined;
  }, root);
