import { startLocalCloud } from './cloud';
import { readLocalSettings } from './settings';

/**
 * `npm start`: the whole of Showrunner on this machine. Everything a user might get wrong (a busy port, no Java,
 * a malformed serverless.yml) ends here as one line saying what to do, not a stack trace.
 */
const main = async (): Promise<void> => {
  const began = Date.now();
  const settings = readLocalSettings(process.env);
  // A Ctrl-C while parts are still starting: let startLocalCloud finish, then stop everything it started.
  let interruptedWhileStarting: string | undefined;
  const onEarlySignal = (signal: string) => (interruptedWhileStarting = signal);
  process.once('SIGINT', onEarlySignal).once('SIGTERM', onEarlySignal);
  const cloud = await startLocalCloud(settings, (line) => console.log(`[showrunner] ${line}`));
  process.off('SIGINT', onEarlySignal).off('SIGTERM', onEarlySignal);
  const { endpoints } = cloud;
  console.log(`Showrunner is running (${Date.now() - began} ms). Data in ${settings.dataDir}; endpoints also in .local/endpoints.json`);
  if (endpoints.web !== undefined) console.log(`  Web app         ${endpoints.web}   (SHOWRUNNER_WEB_PORT)`);
  console.log(`  API             ${endpoints.api}   (GET ${endpoints.api}/health)`);
  console.log(`  EventBridge     ${endpoints.eventbridge}   (AWS_ENDPOINT_URL_EVENTBRIDGE)`);
  console.log(`  Step Functions  ${endpoints.sfn}   (AWS_ENDPOINT_URL_SFN)`);
  console.log(`  DynamoDB        ${endpoints.dynamodb}   (AWS_ENDPOINT_URL_DYNAMODB)`);
  console.log(`  S3              ${endpoints.s3}   (AWS_ENDPOINT_URL_S3, path-style; signed requests only, as under Block Public Access)`);
  if (endpoints.playback !== undefined) console.log(`  Media CDN       ${endpoints.playback}   (the media distribution: playback grants; thumbnails open)`);
  console.log(`  Razorpay (sim)  ${endpoints.payments}   (Orders API and checkout; RAZORPAY_API_URL)`);
  console.log(`  Cognito         ${endpoints.cognito}   (AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER)`);
  console.log(`  MediaConvert    ${endpoints.mediaconvert}   (AWS_ENDPOINT_URL_MEDIACONVERT: GetJob, ListJobs)`);
  console.log(`  SQS             ${endpoints.sqs}   (AWS_ENDPOINT_URL_SQS: the stream dead-letter queue)`);
  console.log(`  Lambda          ${endpoints.lambda}   (AWS_ENDPOINT_URL_LAMBDA: Invoke)`);
  console.log('Credentials for any client: AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER. Ctrl-C stops everything.');

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping...`);
    void cloud.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`stopped with an error: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  if (interruptedWhileStarting !== undefined) shutdown(interruptedWhileStarting);
};

main().catch((error: unknown) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
