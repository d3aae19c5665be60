import middy from '@middy/core';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { readHealthConfig } from './config';
import { createProbes, probeAll, type Probe } from './probes';

const probes = createProbes(readHealthConfig(process.env));

/** 200 when every dependency answers, 503 naming the ones that do not. Never cached. */
export const health = async (dependencies: Readonly<Record<string, Probe>> = probes): Promise<APIGatewayProxyResultV2> => {
  const parts = await probeAll(dependencies);
  const ok = Object.values(parts).every((state) => state === 'up');
  return {
    statusCode: ok ? 200 : 503,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify({ status: ok ? 'ok' : 'degraded', parts }),
  };
};

export const handler = middy(() => health());
