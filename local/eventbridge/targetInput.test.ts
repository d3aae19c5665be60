import { readJsonPath } from './jsonPath';
import { renderInputTemplate, targetPayload, type RuleContext } from './targetInput';
import type { EventBridgeEvent } from './types';

/** Examples from https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html */
const event: EventBridgeEvent = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-0123456789', state: 'RUNNING' },
};
const context: RuleContext = {
  ruleName: 'example',
  ruleArn: 'arn:aws:events:us-east-2:123456789012:rule/example',
  ingestionTime: '2015-11-11T21:29:55Z',
};
const paths = { timestamp: '$.time', instance: '$.detail.instance-id', state: '$.detail.state' };
const transform = (inputTemplate: string) =>
  targetPayload({ id: 't', arn: 'arn', inputTransformer: { inputPathsMap: paths, inputTemplate } }, event, context);

describe('target input', () => {
  it('sends the whole event by default', () => {
    expect(targetPayload({ id: 't', arn: 'arn' }, event, context)).toEqual(event);
  });

  it('sends a constant Input as parsed JSON', () => {
    expect(targetPayload({ id: 't', arn: 'arn', input: '{"fixed":true}' }, event, context)).toEqual({ fixed: true });
  });

  it('sends the part of the event InputPath selects', () => {
    expect(targetPayload({ id: 't', arn: 'arn', inputPath: '$.detail' }, event, context)).toEqual(event.detail);
    expect(readJsonPath(event, '$.resources[0]')).toBe(event.resources[0]);
    expect(readJsonPath(event, "$['detail']['instance-id']")).toBe('i-0123456789');
    expect(readJsonPath(event, '$.detail.absent.deeper')).toBeUndefined();
  });

  it('renders the documented templates', () => {
    expect(transform('"instance <instance> is in <state>"')).toBe('instance i-0123456789 is in RUNNING');
    expect(transform('{"instance" : <instance>, "state": <state>}')).toEqual({ instance: 'i-0123456789', state: 'RUNNING' });
    expect(transform('{"instance": <instance>, "state": "<state>", "instanceStatus": "instance \\"<instance>\\" is in <state>"}')).toEqual({
      instance: 'i-0123456789',
      state: 'RUNNING',
      instanceStatus: 'instance "i-0123456789" is in RUNNING',
    });
    expect(transform('{"instance" : <instance>, "state": [ 9, <state>, true ], "Transformed" : "Yes"}')).toEqual({
      instance: 'i-0123456789',
      state: [9, 'RUNNING', true],
      Transformed: 'Yes',
    });
    expect(transform('{"ruleArn": <aws.events.rule-arn>, "ruleName": <aws.events.rule-name>, "originalEvent": <aws.events.event>}')).toEqual({
      ruleArn: context.ruleArn,
      ruleName: 'example',
      originalEvent: event,
    });
    expect(transform('"<aws.events.rule-name> triggered"')).toBe('example triggered');
  });

  it('renders a variable whose path is missing as nothing in a string and null elsewhere', () => {
    const inputPathsMap = { gone: '$.detail.gone' };
    expect(renderInputTemplate('{"a": <gone>, "b": "x<gone>y"}', event, context, inputPathsMap)).toBe('{"a": null, "b": "xy"}');
  });

  it('delivers a template that is not JSON as text', () => {
    expect(transform('instance <instance> is <state>')).toBe('instance "i-0123456789" is "RUNNING"');
  });
});
