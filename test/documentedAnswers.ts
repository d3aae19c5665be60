import { readFileSync } from 'node:fs';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ApiExchange } from '../local/gateway';
import { openApiDocumentPath } from './documentedRoutes';

type Responses = Record<string, { content?: Record<string, { schema?: unknown }> }>;
interface Document {
  paths: Record<string, Record<string, { responses: Responses }>>;
}

/** A JSON pointer segment inside a URI fragment: `~` and `/` escaped (RFC 6901), then percent-encoded. */
const pointer = (...segments: string[]) => segments.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

/**
 * Checks API answers against the OpenAPI document the API serves (client/openapi.json): the status must be one the
 * route documents, and a JSON body must match that status's schema. The e2e stack runs every answer through it.
 */
export const documentedAnswers = () => {
  const document = JSON.parse(readFileSync(openApiDocumentPath, 'utf8')) as Document;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, 'api');
  const validators = new Map<string, ValidateFunction>();
  const validatorAt = (ref: string): ValidateFunction => {
    const found = validators.get(ref) ?? ajv.compile({ $ref: ref });
    validators.set(ref, found);
    return found;
  };

  /** What is wrong with a JSON body under its documented schema, or undefined. */
  const bodyProblem = (exchange: ApiExchange, path: string, method: string, where: string): string | undefined => {
    let body: unknown;
    try {
      body = JSON.parse(exchange.body.toString('utf8'));
    } catch {
      return `${where} with a body that is not JSON`;
    }
    const validate = validatorAt(`api#/${pointer('paths', path, method, 'responses', String(exchange.status), 'content', 'application/json', 'schema')}`);
    return validate(body) ? undefined : `${where} with a body off its schema: ${ajv.errorsText(validate.errors)}; body ${exchange.body.toString('utf8').slice(0, 300)}`;
  };

  /** The route's method and path in the document, and the answers it documents. */
  const routeOf = (routeKey: string) => {
    const [upperMethod = '', path = ''] = routeKey.split(' ');
    const method = upperMethod.toLowerCase();
    return { method, path, responses: document.paths[path]?.[method]?.responses };
  };

  /** What is wrong with one answer, or undefined when the document describes it. */
  return (exchange: ApiExchange): string | undefined => {
    const { method, path, responses } = routeOf(exchange.routeKey);
    const where = `${exchange.routeKey} answered ${exchange.status}`;
    if (responses === undefined) return `${exchange.routeKey} is not in the API document`;
    const documented = responses[String(exchange.status)];
    if (documented === undefined) return `${where}, which the document does not list (it lists ${Object.keys(responses).join(', ')})`;
    const hasSchema = documented.content?.['application/json']?.schema !== undefined;
    return hasSchema && (exchange.contentType ?? '').startsWith('application/json') ? bodyProblem(exchange, path, method, where) : undefined;
  };
};
