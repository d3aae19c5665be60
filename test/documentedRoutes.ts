import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** One operation of the committed OpenAPI document (client/openapi.json), as the tests walk it. */
export interface DocumentedOperation {
  readonly method: string;
  readonly path: string;
  readonly operationId: string;
  readonly signedIn: boolean;
  readonly answers: readonly string[];
  readonly hasBody: boolean;
  readonly pathParameters: readonly string[];
  readonly queryParameters: readonly string[];
}

interface RawOperation {
  operationId: string;
  security?: unknown[];
  responses: Record<string, unknown>;
  requestBody?: unknown;
  parameters?: { name: string; in: string }[];
}

export const openApiDocumentPath = resolve(__dirname, '../client/openapi.json');

/** Every operation of the document the API serves, flattened. */
export const documentedOperations = (): DocumentedOperation[] => {
  const document = JSON.parse(readFileSync(openApiDocumentPath, 'utf8')) as { paths: Record<string, Record<string, RawOperation>> };
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      operationId: operation.operationId,
      signedIn: (operation.security ?? []).length > 0,
      answers: Object.keys(operation.responses),
      hasBody: operation.requestBody !== undefined,
      pathParameters: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      queryParameters: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    })),
  );
};
