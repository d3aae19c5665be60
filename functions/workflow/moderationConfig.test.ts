import { ConfigurationError } from '../runtime/config';
import { defaultModelPolicy, defaultRekognitionPolicy, parseModerationConfig } from './moderationConfig';

describe('the content moderation configuration', () => {
  it('moderates with the model by default, at most 60 frames, with the model\'s default thresholds', () => {
    expect(parseModerationConfig({})).toMatchObject({ MODERATION_BACKEND: 'model', MODERATION_MAX_FRAMES: 60, policy: defaultModelPolicy });
    expect(parseModerationConfig({ MODERATION_THRESHOLDS: '' }).policy).toBe(defaultModelPolicy);
  });

  it('takes thresholds as JSON', () => {
    const config = parseModerationConfig({ MODERATION_THRESHOLDS: '{"Porn":{"escalate":0.3,"reject":0.7}}', MODERATION_MAX_FRAMES: '20' });
    expect(config).toMatchObject({ MODERATION_MAX_FRAMES: 20, policy: { Porn: { escalate: 0.3, reject: 0.7 } } });
  });

  it.each([
    ['not JSON', '{Porn: 0.3}', /MODERATION_THRESHOLDS is not JSON/],
    ['escalate above reject', '{"Porn":{"escalate":0.9,"reject":0.5}}', /escalate must be at most reject/],
    ['a threshold above 1', '{"Porn":{"escalate":0.5,"reject":1.5}}', /MODERATION_THRESHOLDS\.Porn\.reject/],
    ['a category the model does not score (misspelt)', '{"porn":{"escalate":0.5,"reject":0.9}}', /names porn, which the model does not score \(it scores Drawing, Hentai, Neutral, Porn, Sexy\)/],
  ])('refuses thresholds with %s, saying what is wrong', (_case, thresholds, message) => {
    expect(() => parseModerationConfig({ MODERATION_THRESHOLDS: thresholds })).toThrow(ConfigurationError);
    expect(() => parseModerationConfig({ MODERATION_THRESHOLDS: thresholds })).toThrow(message);
  });

  it('with Rekognition, needs its topic and role, and uses its labels\' default thresholds', () => {
    expect(() => parseModerationConfig({ MODERATION_BACKEND: 'rekognition' })).toThrow(/MODERATION_ROLE_ARN are required/);
    const config = parseModerationConfig({ MODERATION_BACKEND: 'rekognition', MODERATION_SNS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:1:t', MODERATION_ROLE_ARN: 'arn:aws:iam::1:role/r' });
    expect(config.policy).toBe(defaultRekognitionPolicy);
  });

  it('refuses an unknown backend', () => {
    expect(() => parseModerationConfig({ MODERATION_BACKEND: 'magic' })).toThrow(/MODERATION_BACKEND/);
  });
});
