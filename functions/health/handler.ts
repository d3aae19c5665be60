import middy from '@middy/core';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';

/** Liveness of the API itself; the local stack answers /health with each part's state instead. */
export const health = async (): Promise<APIGatewayProxyResultV2> => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: JSON.stringify({ status: 'ok' }),
});

export const handler = middy(health);
