/** A bucket's CORS rule as CloudFormation's `CorsConfiguration.CorsRules` spells it. */
export interface BucketCorsRule {
  readonly AllowedMethods: readonly string[];
  readonly AllowedOrigins: readonly string[];
  readonly AllowedHeaders?: readonly string[] | undefined;
  readonly ExposedHeaders?: readonly string[] | undefined;
  readonly MaxAge?: number | undefined;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const elements = (tag: string, values: readonly string[] | undefined) => (values ?? []).map((value) => `<${tag}>${escape(value)}</${tag}>`).join('');

/**
 * The same rules in S3's PutBucketCors XML (ExposeHeader, MaxAgeSeconds), which s3rver reads and then answers
 * preflights and CORS headers from as S3 does.
 */
export const corsConfigurationXml = (rules: readonly BucketCorsRule[]): string =>
  `<CORSConfiguration>${rules
    .map(
      (rule) =>
        `<CORSRule>${elements('AllowedOrigin', rule.AllowedOrigins)}${elements('AllowedMethod', rule.AllowedMethods)}${elements('AllowedHeader', rule.AllowedHeaders)}${elements('ExposeHeader', rule.ExposedHeaders)}${rule.MaxAge === undefined ? '' : `<MaxAgeSeconds>${rule.MaxAge}</MaxAgeSeconds>`}</CORSRule>`,
    )
    .join('')}</CORSConfiguration>`;
