import type { HttpRoute } from '../config';

export interface RouteMatch {
  readonly route: HttpRoute;
  /** `GET /shows/{showId}` or `$default`, as the event's routeKey. */
  readonly routeKey: string;
  readonly pathParameters: Record<string, string> | undefined;
}

interface CompiledRoute {
  readonly route: HttpRoute;
  readonly segments: readonly string[];
  readonly greedy: boolean;
  readonly literalSegments: number;
}

const segmentsOf = (path: string): string[] => path.replace(/^\//, '').split('/');
const variableName = (segment: string): string | undefined => /^\{([^}+]+)\+?\}$/.exec(segment)?.[1];

const compile = (route: HttpRoute): CompiledRoute => {
  const segments = segmentsOf(route.path);
  return {
    route,
    segments,
    greedy: segments.at(-1)?.endsWith('+}') ?? false,
    literalSegments: segments.filter((segment) => variableName(segment) === undefined).length,
  };
};

const decode = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

// A literal segment must be equal; a `{var}` takes any non-empty segment into `parameters`.
const matchSegment = (segment: string, name: string | undefined, actual: string | undefined, parameters: Record<string, string>): boolean => {
  if (actual === undefined) return false;
  if (name === undefined) return actual === segment;
  if (actual === '') return false;
  parameters[name] = decode(actual);
  return true;
};

const matchPath = (compiled: CompiledRoute, requestSegments: readonly string[]): Record<string, string> | undefined => {
  const parameters: Record<string, string> = {};
  for (const [index, segment] of compiled.segments.entries()) {
    const name = variableName(segment);
    const actual = requestSegments[index];
    if (compiled.greedy && index === compiled.segments.length - 1) {
      const rest = requestSegments.slice(index).join('/');
      if (name === undefined || rest === '') return undefined;
      parameters[name] = decode(rest);
      return parameters;
    }
    if (!matchSegment(segment, name, actual, parameters)) return undefined;
  }
  return requestSegments.length === compiled.segments.length ? parameters : undefined;
};

const compareScores = (a: readonly number[], b: readonly number[]): number => {
  for (const [index, value] of a.entries()) {
    const other = b[index] ?? 0;
    if (value !== other) return value - other;
  }
  return 0;
};

type Candidate = { compiled: CompiledRoute; parameters: Record<string, string>; score: number[] };

// The most specific of the routes that match, scored greedy < `{var}` < literal, then ANY < an explicit method.
const bestMatch = (compiled: readonly CompiledRoute[], method: string, requestSegments: readonly string[]): Candidate | undefined => {
  let best: Candidate | undefined;
  for (const candidate of compiled) {
    if (candidate.route.method !== 'ANY' && candidate.route.method !== method) continue;
    const parameters = matchPath(candidate, requestSegments);
    if (parameters === undefined) continue;
    const score = [candidate.greedy ? 0 : 1, candidate.literalSegments, candidate.route.method === 'ANY' ? 0 : 1];
    if (best === undefined || compareScores(score, best.score) > 0) best = { compiled: candidate, parameters, score };
  }
  return best;
};

/**
 * Picks the route API Gateway would: the most specific path (literal segments beat `{var}`, which beats a
 * greedy `{proxy+}`), then an explicit method over ANY, and `$default` when nothing else matches.
 */
export const createRouter = (routes: readonly HttpRoute[]) => {
  const compiled = routes.filter((route) => route.path !== '$default').map(compile);
  const fallback = routes.find((route) => route.path === '$default');
  return (method: string, path: string): RouteMatch | undefined => {
    const requestSegments = segmentsOf(path);
    const best = bestMatch(compiled, method, requestSegments);
    if (best !== undefined) {
      const { route } = best.compiled;
      return { route, routeKey: `${route.method} ${route.path}`, pathParameters: Object.keys(best.parameters).length === 0 ? undefined : best.parameters };
    }
    return fallback === undefined ? undefined : { route: fallback, routeKey: '$default', pathParameters: undefined };
  };
};
