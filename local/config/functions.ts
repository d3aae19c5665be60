import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildContext } from './context';
import { ServerlessConfigError } from './errors';
import { normalizeFunctionEvents } from './functionEvents';
import { resolveIntrinsics } from './intrinsics';
import type { LocalFunction } from './model';

const handlerExtensions = ['.ts', '.mts', '.js', '.mjs', '.cjs'];

/** `functions/health/handler.handler` -> the file that exists on disk and the export name, like the Node runtime. */
const resolveHandler = (handler: string, serviceDir: string, where: string): LocalFunction['handler'] => {
  const dot = handler.lastIndexOf('.');
  const base = handler.slice(0, dot);
  const exportName = handler.slice(dot + 1);
  const file = handlerExtensions.map((extension) => join(serviceDir, `${base}${extension}`)).find((candidate) => existsSync(candidate));
  if (file === undefined) throw new ServerlessConfigError(where, `no file ${base}{${handlerExtensions.join(',')}} in ${serviceDir}: fix the path before the last dot`);
  return { file, export: exportName };
};

// CloudFormation turns numbers and booleans into strings; Lambda only ever sees strings.
const environmentOf = (values: Record<string, unknown>, context: BuildContext, where: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries(values).flatMap(([name, value]) => {
      const resolved = resolveIntrinsics(value, context, `${where}.${name}`);
      if (resolved === undefined) return [];
      if (typeof resolved === 'object' || resolved === null) throw new ServerlessConfigError(`${where}.${name}`, `must resolve to a string, got ${JSON.stringify(resolved)}`);
      return [[name, String(resolved)]];
    }),
  );

/** Functions with provider and function settings merged the way the framework deploys them. */
export const normalizeFunctions = (context: BuildContext): LocalFunction[] => {
  const { raw } = context;
  const providerEnvironment = environmentOf(raw.provider.environment ?? {}, context, 'provider.environment');
  return Object.entries(raw.functions ?? {}).map(([key, fn]) => {
    const name = context.functionNames.get(key) ?? key;
    return {
      key,
      name,
      handler: resolveHandler(fn.handler, context.serviceDir, `functions.${key}.handler`),
      environment: { ...providerEnvironment, ...environmentOf(fn.environment ?? {}, context, `functions.${key}.environment`) },
      timeoutSeconds: fn.timeout ?? raw.provider.timeout ?? 6,
      memorySize: fn.memorySize ?? raw.provider.memorySize ?? 1024,
      events: normalizeFunctionEvents(fn.events ?? [], `functions.${key}.events`, context, name),
    };
  });
};
