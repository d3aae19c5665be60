import { z } from 'zod';
import type { BuildContext } from './context';
import { resolveIntrinsics } from './intrinsics';
import type { LocalService } from './model';
import { strictParse } from './strictParse';

const behaviourSchema = z.looseObject({ PathPattern: z.string().optional(), TrustedKeyGroups: z.array(z.unknown()).optional(), ResponseHeadersPolicyId: z.unknown().optional() });
const distributionSchema = z.looseObject({
  DistributionConfig: z.looseObject({
    Origins: z.array(z.looseObject({ DomainName: z.unknown() })).min(1),
    DefaultCacheBehavior: behaviourSchema,
    CacheBehaviors: z.array(behaviourSchema).optional(),
  }),
});
const items = z.looseObject({ Items: z.array(z.string()) });
const corsConfigSchema = z.looseObject({
  ResponseHeadersPolicyConfig: z.looseObject({
    CorsConfig: z
      .looseObject({
        AccessControlAllowOrigins: items,
        AccessControlAllowMethods: items,
        AccessControlAllowHeaders: items,
        AccessControlExposeHeaders: items.optional(),
        AccessControlMaxAgeSec: z.number().int().nonnegative().optional(),
      })
      .optional(),
  }),
});

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/** The ResponseHeadersPolicy resource a behaviour names with `!Ref` (undefined for a managed policy's id). */
const policyResource = (resources: Resources, policyId: unknown) => {
  const logicalId = z.object({ Ref: z.string() }).safeParse(policyId).data?.Ref;
  const resource = logicalId === undefined ? undefined : resources[logicalId];
  return resource?.Type === 'AWS::CloudFront::ResponseHeadersPolicy' ? { logicalId, resource } : undefined;
};

/** The CORS a behaviour's response headers policy (`!Ref` to one of ours) adds; none when it names a managed one. */
const corsOf = (resources: Resources, policyId: unknown, where: string): LocalService['distributions'][number]['cors'] => {
  const policy = policyResource(resources, policyId);
  if (policy === undefined) return null;
  const cors = strictParse(corsConfigSchema, policy.resource.Properties ?? {}, `${where} (${policy.logicalId ?? ''})`).ResponseHeadersPolicyConfig.CorsConfig;
  if (cors === undefined) return null;
  return {
    allowOrigins: cors.AccessControlAllowOrigins.Items,
    allowMethods: cors.AccessControlAllowMethods.Items,
    allowHeaders: cors.AccessControlAllowHeaders.Items,
    exposeHeaders: cors.AccessControlExposeHeaders?.Items ?? [],
    maxAgeSeconds: cors.AccessControlMaxAgeSec ?? 600,
  };
};

/**
 * AWS::CloudFront::Distribution resources whose origin is one of our buckets: what the local playback origin
 * (local/playback) plays: the bucket, the path patterns served without a signature (cache behaviours that trust no
 * key group) and the CORS of the default behaviour's response headers policy.
 */
export const normalizeDistributions = (context: BuildContext, buckets: LocalService['buckets']): LocalService['distributions'] => {
  const resources: Resources = context.raw.resources?.Resources ?? {};
  return Object.entries(resources)
    .filter(([, resource]) => resource.Type === 'AWS::CloudFront::Distribution')
    .flatMap(([logicalId, resource]) => {
      const where = `resources.Resources.${logicalId}.Properties`;
      const config = strictParse(distributionSchema, resource.Properties ?? {}, where).DistributionConfig;
      const domain = resolveIntrinsics(config.Origins[0]?.DomainName, context, `${where}.DistributionConfig.Origins[0].DomainName`);
      const bucket = buckets.find((b) => typeof domain === 'string' && domain.startsWith(`${b.name}.s3.`));
      if (bucket === undefined) return [];
      const unsigned = (config.CacheBehaviors ?? []).filter((b) => b.TrustedKeyGroups === undefined && b.PathPattern !== undefined).map((b) => b.PathPattern ?? '');
      return [{ logicalId, bucket: bucket.name, unsignedPathPatterns: unsigned, cors: corsOf(resources, config.DefaultCacheBehavior.ResponseHeadersPolicyId, where) }];
    });
};
