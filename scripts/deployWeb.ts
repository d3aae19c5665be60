import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { webUploadPlan } from './webUploadPlan';

/**
 * `npm run deploy:web -- --stage prod [--region eu-west-1]`, after `serverless deploy` made the stack: builds the
 * app (web/dist) and uploads it to the stack's web bucket (web/resources.yml), then prints the app's URL. The app's
 * settings need no upload: CloudFront answers /config.json from the stack's values. Credentials: the AWS SDK's usual
 * chain (AWS_PROFILE, environment, SSO...), the same that deployed the stack.
 */
const argsSchema = z.object({
  stage: z.string().regex(/^[a-zA-Z0-9-]+$/, '--stage is the serverless stage the stack was deployed with, e.g. prod').default('dev'),
  region: z.string().min(1).default(process.env.AWS_REGION ?? 'eu-west-1'),
});

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));

const stackOutputs = async (region: string, stackName: string): Promise<{ bucket: string; url: string }> => {
  const cloudFormation = new CloudFormationClient({ region });
  const { Stacks } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName })).catch((error: unknown) => {
    throw new Error(`stack ${stackName} could not be read in ${region} (${error instanceof Error ? error.message : String(error)}): run \`npx serverless deploy --stage <stage>\` first`);
  });
  const outputs = new Map((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
  const bucket = outputs.get('WebBucketName');
  const url = outputs.get('WebUrl');
  if (bucket === undefined || url === undefined) throw new Error(`stack ${stackName} has no WebBucketName/WebUrl outputs: deploy serverless.yml with web/resources.yml first`);
  return { bucket, url };
};

const main = async () => {
  const { values } = parseArgs({ options: { stage: { type: 'string' }, region: { type: 'string' } } });
  const args = argsSchema.parse(values);
  const dist = resolve('web', 'dist');
  if (!existsSync(join(dist, 'index.html'))) throw new Error('web/dist has no index.html: build the app first (`npm run web:build`)');
  const { bucket, url } = await stackOutputs(args.region, `showrunner-${args.stage}`);
  const s3 = new S3Client({ region: args.region });
  const plan = webUploadPlan(filesUnder(dist).map((file) => relative(dist, file)));
  for (const upload of plan) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: upload.key, Body: readFileSync(join(dist, upload.key)), ContentType: upload.contentType, CacheControl: upload.cacheControl }));
    console.log(`uploaded ${upload.key}`);
  }
  console.log(`web app: ${url}`);
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
