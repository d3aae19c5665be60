import { ConfigurationError } from '../runtime/config';
import { mediaConvertConfig, publishWorkflowConfig } from './config';

describe("the workflow's configuration", () => {
  it('refuses a function that starts runs without the state machine ARN, saying which variable', () => {
    expect(() => publishWorkflowConfig({})).toThrow(ConfigurationError);
    expect(() => publishWorkflowConfig({})).toThrow(/PUBLISH_STATE_MACHINE_ARN/);
  });

  it('refuses the profile task without the MediaConvert role', () => {
    expect(() => mediaConvertConfig({ MEDIACONVERT_ROLE_ARN: '' })).toThrow(/MEDIACONVERT_ROLE_ARN/);
  });
});
