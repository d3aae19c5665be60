import { ConfigurationError } from '../runtime/config';
import { mediaConvertConfig, parseWorkflowConfig, playbackBaseUrl, publishWorkflowConfig, workflowConfig } from './config';
import { testConfig } from './testing/workflowFixture';

describe("the workflow's configuration", () => {
  it('refuses a function that starts runs without the state machine ARN, saying which variable', () => {
    expect(() => publishWorkflowConfig({})).toThrow(ConfigurationError);
    expect(() => publishWorkflowConfig({})).toThrow(/PUBLISH_STATE_MACHINE_ARN/);
  });

  it('refuses the profile task without the MediaConvert role', () => {
    expect(() => mediaConvertConfig({ MEDIACONVERT_ROLE_ARN: '' })).toThrow(/MEDIACONVERT_ROLE_ARN/);
  });

  it('takes the playback origin from PLAYBACK_BASE_URL only, and refuses to start without it', () => {
    const env = { SOURCE_BUCKET: 's', MEDIA_BUCKET: 'm', REVIEWS_TABLE: 'r', EVENT_BUS_NAME: 'b', AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4569' };
    expect(() => workflowConfig(env)).toThrow(/PLAYBACK_BASE_URL/);
    expect(playbackBaseUrl({ ...testConfig, PLAYBACK_BASE_URL: 'https://d1.cloudfront.net/' })).toBe('https://d1.cloudfront.net');
  });

  it('lets the machine reviewer\'s approvals publish unless told to only recommend, and refuses any other value', () => {
    const env = { SOURCE_BUCKET: 's', MEDIA_BUCKET: 'm', REVIEWS_TABLE: 'r', EVENT_BUS_NAME: 'b', PLAYBACK_BASE_URL: 'https://d1.cloudfront.net' };
    expect(parseWorkflowConfig(env).MACHINE_REVIEW_APPROVALS).toBe('publish');
    expect(parseWorkflowConfig({ ...env, MACHINE_REVIEW_APPROVALS: 'recommend' }).MACHINE_REVIEW_APPROVALS).toBe('recommend');
    expect(() => parseWorkflowConfig({ ...env, MACHINE_REVIEW_APPROVALS: 'sometimes' })).toThrow(/MACHINE_REVIEW_APPROVALS/);
  });
});
