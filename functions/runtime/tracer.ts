import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * One X-Ray tracer per container (service name from POWERTOOLS_SERVICE_NAME). With `tracing.lambda` on in
 * serverless.yml every invocation gets a segment; handlers wrapped with its middleware and clients from `sdkClient`
 * add subsegments, so a slow request shows which DynamoDB or EventBridge call it waited on. Outside a Lambda
 * environment (jest, scripts) Powertools turns itself off.
 */
export const tracer = new Tracer();
