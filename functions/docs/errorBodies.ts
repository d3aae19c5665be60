import * as z from 'zod';

/** Every refusal Showrunner's handlers give: a stable code to branch on and words a person can act on. */
export const errorBodySchema = z
  .strictObject({
    error: z.string().describe('a stable code clients may branch on'),
    message: z.string().describe('what was wrong and what to do, for a person'),
    details: z
      .array(z.strictObject({ where: z.string(), path: z.string(), message: z.string() }))
      .optional()
      .describe('for a request that failed its schemas: each field that was wrong'),
  })
  .meta({ id: 'Error', example: { error: 'not_found', message: 'show 7d0c3a4e-... does not exist' } });

/** API Gateway's own answer when its JWT authorizer refuses a missing, expired or forged token: no handler runs. */
export const gatewayUnauthorizedSchema = z.strictObject({ message: z.literal('Unauthorized') }).meta({ id: 'GatewayUnauthorized', example: { message: 'Unauthorized' } });

/**
 * API Gateway's own answer when the function failed before answering (500, `Internal Server Error`: it crashed or
 * could not start) or did not answer within the integration timeout (503, `Service Unavailable`).
 */
export const gatewayFailureSchema = z
  .strictObject({ message: z.enum(['Internal Server Error', 'Service Unavailable']) })
  .meta({ id: 'GatewayFailure', example: { message: 'Service Unavailable' } });
