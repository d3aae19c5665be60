import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { parseServerlessYaml } from './cloudFormationYaml';
import { ServerlessConfigError } from './errors';

export interface VariableOptions {
  /** Folder of serverless.yml: `${file(...)}` paths are relative to it. */
  readonly serviceDir: string;
  /** CLI options (`--stage`, `--region`, anything else for `${opt:...}`). */
  readonly options: Readonly<Record<string, string | undefined>>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly accountId: string;
}

type Path = readonly (string | number)[];

// As in osls's parser, a variable opens with a lowercase source (`self:`, `file(`); `${AWS::Region}` or
// `${EventsTable}` belong to CloudFormation's Fn::Sub and are left alone.
const variablePattern = /\$\{([a-z][a-zA-Z0-9]*[:(][^${}]*)\}/;
// Private-use characters mark parked values: they cannot appear in a variable's own text.
const placeholderPattern = /\uE000(\d+)\uE000/g;
const offlineSources = ['ssm', 'cf', 's3', 'aws:credential', 'param', 'secretsmanager'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const formatPath = (path: Path): string =>
  path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? key : `${text}.${key}`), '') || '(root)';

/**
 * Resolves the framework's `${source:address, fallback}` variables the way osls does, for the sources that make
 * sense offline (self, opt, sls, env, aws, file). References are resolved lazily so `${self:custom.x}` may point
 * at a value that is itself a variable; a cycle or a missing value is a ServerlessConfigError naming the key.
 */
export const resolveVariables = (raw: unknown, options: VariableOptions): unknown => {
  const done = new Map<string, unknown>();
  const inProgress = new Set<string>();

  const resolveDeep = (value: unknown, path: Path): unknown => {
    const key = formatPath(path);
    if (done.has(key)) return done.get(key);
    if (inProgress.has(key)) throw new ServerlessConfigError(key, 'refers to itself through ${self:...} variables; break the cycle');
    inProgress.add(key);
    const shallow = typeof value === 'string' ? resolveString(value, path) : value;
    const result = Array.isArray(shallow)
      ? shallow.map((item, index) => resolveDeep(item, [...path, index]))
      : isRecord(shallow)
        ? Object.fromEntries(Object.entries(shallow).map(([k, v]) => [k, resolveDeep(v, [...path, k])]))
        : shallow;
    inProgress.delete(key);
    done.set(key, result);
    return result;
  };

  // One step down a dotted address: a numeric segment indexes an array, any other names a key.
  const stepInto = (node: unknown, segment: string): { key: string | number; node: unknown } | undefined => {
    const index = Array.isArray(node) && /^\d+$/.test(segment) ? Number(segment) : segment;
    if (Array.isArray(node) && typeof index === 'number') return { key: index, node: node[index] };
    if (isRecord(node)) return { key: index, node: node[segment] };
    return undefined;
  };

  const valueAt = (address: string, where: Path): unknown => {
    const segments = address === '' ? [] : address.split('.');
    let node: unknown = raw;
    const walked: (string | number)[] = [];
    for (const segment of segments) {
      // A string on the way may itself be a variable that resolves to the object the address walks into.
      const step = stepInto(typeof node === 'string' ? resolveString(node, walked) : node, segment);
      if (step === undefined) return undefined;
      walked.push(step.key);
      node = step.node;
      if (node === undefined) return undefined;
    }
    return resolveDeep(node, walked.length === 0 && where.length === 0 ? [] : walked);
  };

  const stage = (where: Path): string => String(options.options.stage ?? valueAt('provider.stage', where) ?? 'dev');
  const region = (where: Path): string => String(options.options.region ?? valueAt('provider.region', where) ?? 'us-east-1');

  const readFile = (fileExpression: string, address: string): unknown => {
    const fileName = fileExpression.replace(/^file\((.*)\)$/, '$1').trim().replace(/^['"]|['"]$/g, '');
    let text: string;
    try {
      text = readFileSync(resolvePath(options.serviceDir, fileName), 'utf8');
    } catch {
      return undefined;
    }
    const parsed = fileName.endsWith('.json') ? (JSON.parse(text) as unknown) : parseServerlessYaml(text, fileName);
    return address === '' ? parsed : address.split('.').reduce<unknown>((node, part) => (isRecord(node) ? node[part] : undefined), parsed);
  };

  const literal = (text: string): { value: unknown } | undefined => {
    const quoted = /^(['"])(.*)\1$/s.exec(text);
    if (quoted) return { value: quoted[2] };
    if (/^-?\d+(\.\d+)?$/.test(text)) return { value: Number(text) };
    if (text === 'true' || text === 'false') return { value: text === 'true' };
    return undefined;
  };

  const slsValue = (address: string, where: Path): { value: unknown } | undefined =>
    address === 'stage' ? { value: stage(where) } : address === 'instanceId' ? { value: 'local' } : undefined;
  const awsValue = (address: string, where: Path): { value: unknown } | undefined =>
    address === 'region' ? { value: region(where) } : address === 'accountId' ? { value: options.accountId } : undefined;

  const sourceValue = (source: string, address: string, where: Path): { value: unknown } | undefined => {
    switch (source) {
      case 'self':
        return { value: valueAt(address, where) };
      case 'opt':
        return { value: options.options[address] };
      case 'env':
        return { value: options.env[address] };
      case 'strToBool':
        return { value: address.trim() === 'true' };
      case 'sls':
        return slsValue(address, where);
      case 'aws':
        return awsValue(address, where);
      default:
        return undefined;
    }
  };

  const resolveSource = (expression: string, where: Path): unknown => {
    const trimmed = expression.trim();
    const constant = literal(trimmed);
    if (constant) return constant.value;
    if (trimmed.startsWith('file(')) {
      const close = trimmed.indexOf(')');
      return readFile(trimmed.slice(0, close + 1), trimmed.slice(close + 1).replace(/^:/, ''));
    }
    const colon = trimmed.indexOf(':');
    const found = sourceValue(colon < 0 ? trimmed : trimmed.slice(0, colon), colon < 0 ? '' : trimmed.slice(colon + 1), where);
    if (found) return found.value;
    if (offlineSources.some((name) => trimmed.startsWith(`${name}:`)))
      throw new ServerlessConfigError(formatPath(where), `\${${trimmed}} needs AWS and cannot be resolved locally: give it a fallback, e.g. \${${trimmed}, 'local-value'}`);
    throw new ServerlessConfigError(formatPath(where), `unknown variable source in \${${trimmed}}: use self, opt, sls, env, aws or file(...)`);
  };

  const splitAlternatives = (body: string): string[] => {
    const parts: string[] = [];
    let quote: string | null = null;
    let current = '';
    for (const char of body) {
      if (quote !== null) {
        if (char === quote) quote = null;
      } else if (char === "'" || char === '"') quote = char;
      else if (char === ',') {
        parts.push(current);
        current = '';
        continue;
      }
      current += char;
    }
    parts.push(current);
    return parts;
  };

  // `${a, b, 'c'}`: the first alternative that has a value (not undefined or null) wins.
  const firstAlternativeWithValue = (body: string, unpark: (expression: string) => unknown, where: Path): unknown => {
    let value: unknown;
    for (const alternative of splitAlternatives(body)) {
      const unparked = unpark(alternative.trim());
      value = typeof unparked === 'string' && unparked.length > 0 ? resolveSource(unparked, where) : unparked;
      if (value !== undefined && value !== null) break;
    }
    return value;
  };

  function resolveString(text: string, where: Path): unknown {
    // Inner variables are resolved first and parked behind placeholders so their values (which may hold commas
    // or be objects) never confuse the parsing of the outer variable.
    const parked: unknown[] = [];
    const unpark = (expression: string): unknown => {
      const whole = /^\s*\uE000(\d+)\uE000\s*$/.exec(expression);
      if (whole) return parked[Number(whole[1])];
      return expression.replace(placeholderPattern, (_, index: string) => String(parked[Number(index)]));
    };
    let current = text;
    for (let match = variablePattern.exec(current); match; match = variablePattern.exec(current)) {
      const body = match[1] ?? '';
      const value = firstAlternativeWithValue(body, unpark, where);
      if (value === undefined || value === null)
        throw new ServerlessConfigError(formatPath(where), `\${${body.replace(placeholderPattern, '…')}} has no value and no fallback: set it or add one, e.g. \${${body}, 'default'}`);
      parked.push(value);
      current = `${current.slice(0, match.index)}\uE000${parked.length - 1}\uE000${current.slice(match.index + match[0].length)}`;
    }
    return parked.length === 0 ? text : unpark(current);
  }

  return resolveDeep(raw, []);
};
