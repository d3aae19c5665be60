import { matchesEventPattern, validateEventPattern } from './pattern';

/**
 * Every example in AWS's event-pattern documentation, each run positively and negatively. Sources:
 * [patterns] https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
 * [null]     https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-null-values.html
 * [arrays]   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-arrays.html
 * [filter]   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html
 * [ops]      https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 * [ruler]    https://github.com/aws/event-ruler/blob/main/README.md (the matcher EventBridge documents)
 */

const ec2Event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

const withDetail = (detail: Record<string, unknown>, top: Record<string, unknown> = {}) => ({
  ...ec2Event,
  ...top,
  detail,
});

const autoscalingEvent = {
  version: '0',
  id: '3e3c153a-8339-4e30-8c35-687ebef853fe',
  'detail-type': 'EC2 Instance Launch Successful',
  source: 'aws.autoscaling',
  account: '123456789012',
  time: '2015-11-11T21:31:47Z',
  region: 'us-east-1',
  resources: [],
  detail: { eventVersion: '', responseElements: null },
};

const macieEvent = {
  ...ec2Event,
  'detail-type': 'Macie Alert',
  source: 'aws.macie',
  detail: { 'notification-type': 'ALERT_CREATED', tags: ['Custom_Alert', 'Insider'], 'risk-score': 80, trigger: { 'alert-type': 'basic', risk: 8 } },
};

const rulerEvent = withDetail(
  { 'c-count': 5, 'd-count': 3, 'x-limit': 301.8, 'source-ip': '10.0.0.33', 'instance-id': 'i-000000aaaaaa00000', state: 'running' },
  { time: '2017-10-02T16:24:49Z', region: 'us-east-1' },
);

type Case = [reference: string, pattern: Record<string, unknown>, event: Record<string, unknown>, matches: boolean];

const cases: Case[] = [
  // [patterns] the EC2 termination example
  ['patterns: ec2 termination', { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'], detail: { state: ['terminated'] } }, ec2Event, true],
  ['patterns: ec2 termination, running instance', { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'], detail: { state: ['terminated'] } }, withDetail({ state: 'running' }), false],
  ['patterns: source ec2 or fargate', { source: ['aws.ec2', 'aws.fargate'] }, ec2Event, true],
  ['patterns: source ec2 or fargate, from fargate', { source: ['aws.ec2', 'aws.fargate'] }, { ...ec2Event, source: 'aws.fargate' }, true],
  ['patterns: source ec2 or fargate, from s3', { source: ['aws.ec2', 'aws.fargate'] }, { ...ec2Event, source: 'aws.s3' }, false],
  ['patterns: field names must all be present', { detail: { state: ['terminated'], missing: ['x'] } }, ec2Event, false],
  ['patterns: nesting must be the same', { state: ['terminated'] }, ec2Event, false],
  ['patterns: strings are case-sensitive', { source: ['AWS.EC2'] }, ec2Event, false],
  ['patterns: 300 and "300" differ', { detail: { n: [300] } }, withDetail({ n: '300' }), false],
  ['patterns: responseElements null', { source: ['aws.autoscaling'], 'detail-type': ['EC2 Instance Launch Successful'], detail: { responseElements: [null] } }, autoscalingEvent, true],
  ['patterns: macie risk-score 80 and trigger risk 8', { source: ['aws.macie'], 'detail-type': ['Macie Alert'], detail: { 'risk-score': [80], trigger: { risk: [8] } } }, macieEvent, true],
  ['patterns: macie risk 9', { source: ['aws.macie'], 'detail-type': ['Macie Alert'], detail: { 'risk-score': [80], trigger: { risk: [9] } } }, macieEvent, false],
  // [null]
  ['null: empty string eventVersion', { detail: { eventVersion: [''] } }, autoscalingEvent, true],
  ['null: null responseElements', { detail: { responseElements: [null] } }, autoscalingEvent, true],
  ['null: empty string does not match null', { detail: { responseElements: [''] } }, autoscalingEvent, false],
  ['null: null does not match empty string', { detail: { eventVersion: [null] } }, autoscalingEvent, false],
  ['null: null does not match a missing field', { detail: { absent: [null] } }, autoscalingEvent, false],
  // [arrays]
  ['arrays: resources intersect', { resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f', 'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f'] }, { ...ec2Event, resources: ['arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b', 'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f'] }, true],
  ['arrays: resources disjoint', { resources: ['arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f'] }, { ...ec2Event, resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f'] }, false],
  ['arrays: tags contain Insider', { detail: { tags: ['Insider'] } }, macieEvent, true],
  ['ruler: array of objects, one element matches', { employees: { firstName: ['Anna'] } }, { employees: [{ firstName: 'John', lastName: 'Doe' }, { firstName: 'Anna', lastName: 'Smith' }] }, true],
  ['ruler: array-consistent, fields from two elements', { employees: { firstName: ['Anna'], lastName: ['Doe'] } }, { employees: [{ firstName: 'John', lastName: 'Doe' }, { firstName: 'Anna', lastName: 'Smith' }] }, false],
  ['ruler: multi-level arrays', { employees: { firstName: ['Peter'] } }, { employees: [[{ firstName: 'John' }], [{ firstName: 'Peter' }]] }, true],
  // [filter]/[ops] prefix
  ['filter: time prefix', { time: [{ prefix: '2017-10-02' }] }, rulerEvent, true],
  ['filter: time prefix, other day', { time: [{ prefix: '2017-10-03' }] }, rulerEvent, false],
  ['filter: prefix only on strings', { detail: { 'c-count': [{ prefix: '5' }] } }, rulerEvent, false],
  ['filter: autoscaling in eu regions', { source: ['aws.autoscaling'], region: [{ prefix: 'eu-' }] }, { ...autoscalingEvent, region: 'eu-west-1' }, true],
  ['filter: autoscaling in eu regions, us-east-1', { source: ['aws.autoscaling'], region: [{ prefix: 'eu-' }] }, autoscalingEvent, false],
  ['ops: prefix ignore case EventB', { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } }, withDetail({ service: 'eventbridge' }), true],
  ['ops: prefix ignore case EventB, EVENTBRIDGE', { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } }, withDetail({ service: 'EVENTBRIDGE' }), true],
  ['ops: prefix ignore case EventB, Lambda', { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } }, withDetail({ service: 'Lambda' }), false],
  // suffix
  ['ops: suffix .png', { FileName: [{ suffix: '.png' }] }, { FileName: 'image.png' }, true],
  ['ops: suffix .png, .PNG is a different suffix', { FileName: [{ suffix: '.png' }] }, { FileName: 'image.PNG' }, false],
  ['ops: suffix ignore case .png, .PNG', { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } }, withDetail({ FileName: 'IMAGE.PNG' }), true],
  ['ops: suffix ignore case .png, .jpg', { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } }, withDetail({ FileName: 'image.jpg' }), false],
  ['ops: suffix ignore case tBridge', { service: [{ suffix: { 'equals-ignore-case': 'tBridge' } }] }, { service: 'EVENTBRIDGE' }, true],
  ['ruler: suffix ec2', { source: [{ suffix: 'ec2' }] }, ec2Event, true],
  // equals / equals-ignore-case / empty
  ['ops: Name is Alice', { Name: ['Alice'] }, { Name: 'Alice' }, true],
  ['ops: Name is Alice, alice', { Name: ['Alice'] }, { Name: 'alice' }, false],
  ['ops: equals-ignore-case alice', { Name: [{ 'equals-ignore-case': 'alice' }] }, { Name: 'ALICE' }, true],
  ['ops: equals-ignore-case alice, Alicia', { Name: [{ 'equals-ignore-case': 'alice' }] }, { Name: 'Alicia' }, false],
  ['ruler: equals-ignore-case EC2 on source', { source: [{ 'equals-ignore-case': 'AWS.EC2' }] }, ec2Event, true],
  ['ops: LastName is empty', { LastName: [''] }, { LastName: '' }, true],
  ['ops: LastName is empty, Smith', { LastName: [''] }, { LastName: 'Smith' }, false],
  // anything-but
  ['filter: anything-but initializing, running', { detail: { state: [{ 'anything-but': 'initializing' }] } }, rulerEvent, true],
  ['filter: anything-but initializing, initializing', { detail: { state: [{ 'anything-but': 'initializing' }] } }, withDetail({ state: 'initializing' }), false],
  ['filter: anything-but 123, 124', { detail: { 'x-limit': [{ 'anything-but': 123 }] } }, withDetail({ 'x-limit': 124 }), true],
  ['filter: anything-but 123, 123', { detail: { 'x-limit': [{ 'anything-but': 123 }] } }, withDetail({ 'x-limit': 123 }), false],
  ['filter: anything-but list, running', { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, rulerEvent, true],
  ['filter: anything-but list, stopped', { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, withDetail({ state: 'stopped' }), false],
  ['filter: anything-but numbers, 301.8', { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }, rulerEvent, true],
  ['filter: anything-but numbers, 200', { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }, withDetail({ 'x-limit': 200 }), false],
  ['filter: anything-but needs the field', { detail: { state: [{ 'anything-but': 'initializing' }] } }, withDetail({}), false],
  ['filter: anything-but CloudTrail', { 'detail-type': [{ 'anything-but': 'AWS API Call via CloudTrail' }] }, ec2Event, true],
  ['filter: anything-but CloudTrail, CloudTrail', { 'detail-type': [{ 'anything-but': 'AWS API Call via CloudTrail' }] }, { ...ec2Event, 'detail-type': 'AWS API Call via CloudTrail' }, false],
  ['filter: anything-but ec2 or s3, from ec2', { source: [{ 'anything-but': ['aws.ec2', 'aws.s3'] }] }, ec2Event, false],
  ['filter: anything-but ec2 or s3, from lambda', { source: [{ 'anything-but': ['aws.ec2', 'aws.s3'] }] }, { ...ec2Event, source: 'aws.lambda' }, true],
  ['filter: anything-but prefix init, running', { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, rulerEvent, true],
  ['filter: anything-but prefix init, initializing', { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, withDetail({ state: 'initializing' }), false],
  ['filter: anything-but prefix aws., custom source', { source: [{ 'anything-but': { prefix: 'aws.' } }] }, { ...ec2Event, source: 'showrunner.catalog' }, true],
  ['filter: anything-but prefix aws., aws.ec2', { source: [{ 'anything-but': { prefix: 'aws.' } }] }, ec2Event, false],
  ['ops: anything-but prefix us-, eu-west-1', { Region: [{ 'anything-but': { prefix: 'us-' } }] }, { Region: 'eu-west-1' }, true],
  ['ops: anything-but prefix us-, us-east-1', { Region: [{ 'anything-but': { prefix: 'us-' } }] }, { Region: 'us-east-1' }, false],
  ['ops: anything-but suffix .png, a.txt', { FileName: [{ 'anything-but': { suffix: '.png' } }] }, { FileName: 'a.txt' }, true],
  ['ops: anything-but suffix .png, a.png', { FileName: [{ 'anything-but': { suffix: '.png' } }] }, { FileName: 'a.png' }, false],
  ['ops: anything-but ignore case, Running', { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] }, { state: 'Running' }, true],
  ['ops: anything-but ignore case, INITIALIZING', { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] }, { state: 'INITIALIZING' }, false],
  ['ops: anything-but wildcard */lib/*, /usr/bin/x', { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, { FilePath: '/usr/bin/x' }, true],
  ['ops: anything-but wildcard */lib/*, /usr/lib/x', { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, { FilePath: '/usr/lib/x' }, false],
  ['ops: Weather anything but Raining, Sunny', { Weather: [{ 'anything-but': ['Raining'] }] }, { Weather: 'Sunny' }, true],
  ['ops: Weather anything but Raining, Raining', { Weather: [{ 'anything-but': ['Raining'] }] }, { Weather: 'Raining' }, false],
  // numeric
  ['filter: numeric all three', { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }], 'x-limit': [{ numeric: ['=', 3.018e2] }] } }, rulerEvent, true],
  ['filter: numeric, c-count 6 out of range', { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }], 'x-limit': [{ numeric: ['=', 3.018e2] }] } }, withDetail({ 'c-count': 6, 'd-count': 3, 'x-limit': 301.8 }), false],
  ['filter: numeric, c-count 0 excluded by >', { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } }, withDetail({ 'c-count': 0 }), false],
  ['filter: numeric only on JSON numbers', { detail: { 'c-count': [{ numeric: ['>', 0] }] } }, withDetail({ 'c-count': '5' }), false],
  ['ops: Price is 100', { Price: [{ numeric: ['=', 100] }] }, { Price: 100 }, true],
  ['ops: Price is 100, 100.5', { Price: [{ numeric: ['=', 100] }] }, { Price: 100.5 }, false],
  ['ops: Price > 10 <= 20, 20', { Price: [{ numeric: ['>', 10, '<=', 20] }] }, { Price: 20 }, true],
  ['ops: Price > 10 <= 20, 10', { Price: [{ numeric: ['>', 10, '<=', 20] }] }, { Price: 10 }, false],
  // cidr
  ['filter: cidr 10.0.0.0/24, 10.0.0.33', { detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } }, rulerEvent, true],
  ['filter: cidr 10.0.0.0/24, 10.0.1.33', { detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } }, withDetail({ 'source-ip': '10.0.1.33' }), false],
  ['filter: cidr sourceIPAddress', { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } }, withDetail({ sourceIPAddress: '10.0.0.255' }), true],
  ['ruler: cidr works with IPv6', { detail: { ip: [{ cidr: '2001:db8::/32' }] } }, withDetail({ ip: '2001:0db8:85a3::8a2e:0370:7334' }), true],
  ['ruler: cidr IPv6, outside', { detail: { ip: [{ cidr: '2001:db8::/32' }] } }, withDetail({ ip: '2001:db9::1' }), false],
  // exists
  ['filter: exists false, no c-count', { detail: { 'c-count': [{ exists: false }] } }, { 'detail-type': ['EC2 Instance State-change Notification'], detail: { state: ['initializing', 'running'] } }, true],
  ['filter: exists false, c-count is not a leaf', { detail: { 'c-count': [{ exists: false }] } }, { detail: { state: ['initializing', 'running'], 'c-count': { c1: 100 } } }, true],
  ['filter: exists false, c-count present', { detail: { 'c-count': [{ exists: false }] } }, rulerEvent, false],
  ['filter: exists true description', { detail: { description: [{ exists: true }] } }, withDetail({ description: 'a' }), true],
  ['filter: exists true description, absent', { detail: { description: [{ exists: true }] } }, withDetail({}), false],
  ['ruler: exists true, c-count present', { detail: { 'c-count': [{ exists: true }] } }, rulerEvent, true],
  ['ops: ProductName exists', { ProductName: [{ exists: true }] }, { ProductName: 'x' }, true],
  ['ops: ProductName does not exist', { ProductName: [{ exists: false }] }, { Other: 1 }, true],
  ['ops: UserID is null', { UserID: [null] }, { UserID: null }, true],
  ['ops: UserID is null, absent', { UserID: [null] }, {}, false],
  // complex
  ['filter: complex example', { time: [{ prefix: '2017-10-02' }], detail: { state: [{ 'anything-but': 'initializing' }], 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }], 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }, rulerEvent, true],
  ['ruler: complex example with cidr', { time: [{ prefix: '2017-10-02' }], detail: { state: [{ 'anything-but': 'initializing' }], 'source-ip': [{ cidr: '10.0.0.0/8' }] } }, rulerEvent, true],
  ['filter: complex example, wrong day', { time: [{ prefix: '2017-10-03' }], detail: { state: [{ 'anything-but': 'initializing' }] } }, rulerEvent, false],
  // wildcard
  ['ops: wildcard dir/*.png', { FileName: [{ wildcard: 'dir/*.png' }] }, { FileName: 'dir/doc.png' }, true],
  ['ops: wildcard dir/*.png, nested dir', { FileName: [{ wildcard: 'dir/*.png' }] }, { FileName: 'dir/a/b/doc.png' }, true],
  ['ops: wildcard dir/*.png, jpg', { FileName: [{ wildcard: 'dir/*.png' }] }, { FileName: 'dir/doc.jpg' }, false],
  ['ops: wildcard event bus arn', { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] }, { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/orders' }, true],
  ['ops: wildcard event bus arn, other region', { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] }, { EventBusArn: 'arn:aws:events:eu-west-1:123456789012:event-bus/orders' }, false],
  ['ruler: wildcard Simple*Service', { source: [{ wildcard: 'Simple*Service' }] }, { source: 'SimpleQueueService' }, true],
  ['ruler: wildcard escaped star is literal', { key: [{ wildcard: 'a\\*b' }] }, { key: 'a*b' }, true],
  ['ruler: wildcard escaped star, not any run', { key: [{ wildcard: 'a\\*b' }] }, { key: 'axxb' }, false],
  ['ruler: wildcard escaped backslash', { key: [{ wildcard: 'a\\\\*' }] }, { key: 'a\\tail' }, true],
  ['ruler: wildcard is case-sensitive', { source: [{ wildcard: 'simple*' }] }, { source: 'SimpleQueueService' }, false],
  // $or
  ['ops: PaymentType Credit or Debit', { PaymentType: ['Credit', 'Debit'] }, { PaymentType: 'Debit' }, true],
  ['ops: PaymentType Credit or Debit, Cash', { PaymentType: ['Credit', 'Debit'] }, { PaymentType: 'Cash' }, false],
  ['ops: $or Location or Day, Monday', { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] }, { Location: 'Paris', Day: 'Monday' }, true],
  ['ops: $or Location or Day, neither', { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] }, { Location: 'Paris', Day: 'Friday' }, false],
  ['filter: $or numeric in detail, d-count', { detail: { $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }, { 'x-limit': [{ numeric: ['=', 3.018e2] }] }] } }, withDetail({ 'c-count': 50, 'd-count': 3 }), true],
  ['filter: $or numeric in detail, none', { detail: { $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }, { 'x-limit': [{ numeric: ['=', 3.018e2] }] }] } }, withDetail({ 'c-count': 50, 'd-count': 30, 'x-limit': 1 }), false],
  ['ruler: source and (metricName or namespace)', { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }] }, { source: 'aws.cloudwatch', namespace: 'AWS/ES' }, true],
  ['ruler: source and (metricName or namespace), wrong source', { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }] }, { source: 'aws.ec2', namespace: 'AWS/EC2' }, false],
  ['ruler: parallel $or', { $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }], detail: { $or: [{ source: ['aws.cloudwatch'] }, { 'detail-type': ['CloudWatch Alarm State Change'] }] } }, { metricName: 'CPUUtilization', detail: { 'detail-type': 'CloudWatch Alarm State Change' } }, true],
  ['ruler: parallel $or, second group fails', { $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }], detail: { $or: [{ source: ['aws.cloudwatch'] }, { 'detail-type': ['CloudWatch Alarm State Change'] }] } }, { metricName: 'CPUUtilization', detail: { source: 'aws.ec2' } }, false],
  ['ruler: $or with an And inside', { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { metricType: ['MetricType'], namespace: ['AWS/EC2'] }, { scope: ['Service'] }] }, { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2' }, true],
  ['ruler: $or with an And inside, half the And', { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { metricType: ['MetricType'], namespace: ['AWS/EC2'] }, { scope: ['Service'] }] }, { source: 'aws.cloudwatch', metricType: 'MetricType' }, false],
  ['ruler: nested $or', { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { metricType: ['MetricType'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] }] }, { source: 'aws.cloudwatch', metricType: 'MetricType', spaceId: 1000 }, true],
  ['ruler: nested $or, inner fails', { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { metricType: ['MetricType'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] }] }, { source: 'aws.cloudwatch', metricType: 'MetricType', spaceId: 1001 }, false],
];

describe('AWS documentation examples', () => {
  it.each(cases)('%s', (_reference, pattern, event, expected) => {
    validateEventPattern(pattern);
    expect(matchesEventPattern(pattern, event)).toBe(expected);
  });

  it('covers every example positively and negatively', () => {
    expect(cases.filter(([, , , matches]) => matches).length).toBeGreaterThan(40);
    expect(cases.filter(([, , , matches]) => !matches).length).toBeGreaterThan(40);
  });
});
