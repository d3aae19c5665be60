import * as z from 'zod';
import { route } from '../http/route';

const healthSchema = z.strictObject({ status: z.enum(['ok', 'degraded']), parts: z.record(z.string(), z.enum(['up', 'down'])) });

export const healthRoutes = {
  health: route({
    routeKey: 'GET /health', operationId: 'health', tag: 'Operations', access: 'public',
    summary: 'Whether every part Showrunner depends on answers',
    responses: {
      200: { description: 'every part answers', schema: healthSchema, example: { status: 'ok', parts: { dynamodb: 'up', eventbridge: 'up', sfn: 'up' } } },
      503: { description: 'some parts do not answer: `parts` names them', schema: healthSchema },
    },
  }),
};
