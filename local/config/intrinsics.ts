import { ServerlessConfigError } from './errors';
import { eventBusArn, lambdaArn, stateMachineArn, tableArn, type Arns } from './naming';

/** What a logical id stands for locally: its `Ref` value and its `Fn::GetAtt` attributes. */
export interface LocalResource {
  readonly ref: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Nothing stands in for it locally: a value built from its Ref or attributes is unset (see resolveIntrinsics). */
  readonly absent?: true;
}

/** Thrown through the resolution of a value that refers to an absent resource; the value as a whole is then unset. */
class AbsentLocally extends Error {}

export interface IntrinsicContext extends Arns {
  readonly stackName: string;
  readonly resources: ReadonlyMap<string, LocalResource>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const describeFunction = (arns: Arns, name: string): LocalResource => ({
  ref: name,
  attributes: { Arn: lambdaArn(arns, name) },
});

export const describeStateMachine = (arns: Arns, name: string): LocalResource => ({
  ref: stateMachineArn(arns, name),
  attributes: { Arn: stateMachineArn(arns, name), Name: name },
});

/** Ref and attributes of a CloudFormation resource, named the way CloudFormation would name it. */
export const describeResource = (arns: Arns & { stackName: string }, logicalId: string, type: string, properties: Record<string, unknown>): LocalResource => {
  const { region, accountId } = arns;
  const named = (key: string, fallback = `${arns.stackName}-${logicalId}`): string => {
    const value = properties[key];
    return typeof value === 'string' ? value : fallback;
  };
  switch (type) {
    case 'AWS::DynamoDB::Table': {
      const name = named('TableName');
      // DynamoDB Local labels its streams with a timestamp; consumers look streams up by table name instead.
      return { ref: name, attributes: { Arn: tableArn(arns, name), StreamArn: `${tableArn(arns, name)}/stream/local` } };
    }
    case 'AWS::S3::Bucket': {
      const name = named('BucketName', `${arns.stackName}-${logicalId}`.toLowerCase());
      return { ref: name, attributes: { Arn: `arn:aws:s3:::${name}`, DomainName: `${name}.s3.amazonaws.com`, RegionalDomainName: `${name}.s3.${region}.amazonaws.com` } };
    }
    case 'AWS::Events::EventBus': {
      const name = named('Name');
      return { ref: name, attributes: { Arn: eventBusArn(arns, name), Name: name } };
    }
    case 'AWS::SQS::Queue': {
      const name = named('QueueName');
      return { ref: `https://sqs.${region}.amazonaws.com/${accountId}/${name}`, attributes: { Arn: `arn:aws:sqs:${region}:${accountId}:${name}`, QueueName: name } };
    }
    case 'AWS::SNS::Topic': {
      const arn = `arn:aws:sns:${region}:${accountId}:${named('TopicName')}`;
      return { ref: arn, attributes: { TopicArn: arn, TopicName: named('TopicName') } };
    }
    case 'AWS::Cognito::UserPool': {
      // A pool id is `<region>_<id>`; locally the logical id stands in for the generated part.
      const poolId = `${region}_${logicalId}`;
      return { ref: poolId, attributes: { Arn: `arn:aws:cognito-idp:${region}:${accountId}:userpool/${poolId}`, ProviderName: `cognito-idp.${region}.amazonaws.com/${poolId}` } };
    }
    case 'AWS::Cognito::UserPoolClient':
      return { ref: named('ClientName', logicalId), attributes: {} };
    case 'AWS::CloudFront::Distribution':
      // No CloudFront runs locally: an environment variable holding its domain is unset, and functions fall back
      // to what the local stack serves (the S3 endpoint; functions/delivery, functions/workflow).
      return { ref: logicalId, attributes: {}, absent: true };
    case 'AWS::StepFunctions::StateMachine':
      return describeStateMachine(arns, named('StateMachineName'));
    default: {
      const name = named('Name', logicalId);
      return { ref: name, attributes: { Arn: `arn:aws:local:${region}:${accountId}:${logicalId}` } };
    }
  }
};

const pseudoParameters = (context: IntrinsicContext): Record<string, string> => ({
  'AWS::Region': context.region,
  'AWS::AccountId': context.accountId,
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': context.stackName,
  'AWS::StackId': `arn:aws:cloudformation:${context.region}:${context.accountId}:stack/${context.stackName}/local`,
});

const noValue = Symbol('AWS::NoValue');

/**
 * Replaces CloudFormation intrinsics (Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::Split) with the local
 * names and ARNs they would evaluate to. Anything that needs a deployed stack (Fn::ImportValue, conditions) is a
 * ServerlessConfigError naming the key. A value that refers to a resource with no local stand-in (a CloudFront
 * distribution) is unset as a whole, as AWS::NoValue would leave it.
 */
export const resolveIntrinsics = (value: unknown, context: IntrinsicContext, where: string): unknown => {
  try {
    const resolved = resolveNode(value, context, where);
    return resolved === noValue ? undefined : resolved;
  } catch (error) {
    if (error instanceof AbsentLocally) return undefined;
    throw error;
  }
};

const lookup = (context: IntrinsicContext, logicalId: string, where: string): LocalResource => {
  const resource = context.resources.get(logicalId);
  if (resource === undefined) throw new ServerlessConfigError(where, `refers to "${logicalId}", which is neither a function, a state machine nor a resource in resources.Resources`);
  if (resource.absent === true) throw new AbsentLocally(logicalId);
  return resource;
};

const getAtt = (context: IntrinsicContext, logicalId: string, attribute: string, where: string): string => {
  const value = lookup(context, logicalId, where).attributes[attribute];
  if (value === undefined) throw new ServerlessConfigError(where, `Fn::GetAtt ${logicalId}.${attribute} has no local value: use one of ${Object.keys(lookup(context, logicalId, where).attributes).join(', ')}`);
  return value;
};

const ref = (context: IntrinsicContext, name: string, where: string): string | typeof noValue => {
  if (name === 'AWS::NoValue') return noValue;
  return pseudoParameters(context)[name] ?? lookup(context, name, where).ref;
};

const substitute = (template: string, variables: Record<string, unknown>, context: IntrinsicContext, where: string): string =>
  template.replace(/\$\{(!?)([^}]+)\}/g, (_, literal: string, name: string) => {
    if (literal === '!') return `\${${name}}`;
    if (name in variables) return String(variables[name]);
    const dot = name.indexOf('.');
    if (dot > 0 && !name.startsWith('AWS::')) return getAtt(context, name.slice(0, dot), name.slice(dot + 1), where);
    return String(ref(context, name, where));
  });

const asString = (value: unknown, where: string): string => {
  if (typeof value !== 'string') throw new ServerlessConfigError(where, `expected a string after resolving intrinsics, got ${JSON.stringify(value)}`);
  return value;
};

// eslint-disable-next-line complexity -- one branch per intrinsic function reads better than a lookup table here
function resolveNode(value: unknown, context: IntrinsicContext, where: string): unknown {
  if (Array.isArray(value)) return value.map((item, index) => resolveNode(item, context, `${where}[${index}]`)).filter((item) => item !== noValue);
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  const only = keys.length === 1 ? keys[0] : undefined;
  const argument = only === undefined ? undefined : value[only];
  switch (only) {
    case 'Ref':
      return ref(context, asString(argument, where), where);
    case 'Fn::GetAtt': {
      const parts = typeof argument === 'string' ? argument.split('.') : (resolveNode(argument, context, where) as unknown[]);
      const [logicalId, ...attribute] = Array.isArray(parts) ? parts : [];
      return getAtt(context, asString(logicalId, where), attribute.map((part) => asString(part, where)).join('.'), where);
    }
    case 'Fn::Sub': {
      if (typeof argument === 'string') return substitute(argument, {}, context, where);
      const [template, variables] = Array.isArray(argument) ? argument : [];
      const resolvedVariables = resolveNode(variables ?? {}, context, where);
      return substitute(asString(template, where), isRecord(resolvedVariables) ? resolvedVariables : {}, context, where);
    }
    case 'Fn::Join': {
      const [delimiter, items] = Array.isArray(argument) ? argument : [];
      const list = resolveNode(items, context, where);
      if (!Array.isArray(list)) throw new ServerlessConfigError(where, 'Fn::Join needs [delimiter, [values...]]');
      return list.map((item) => asString(item, where)).join(asString(delimiter, where));
    }
    case 'Fn::Select': {
      const [index, items] = Array.isArray(argument) ? argument : [];
      const list = resolveNode(items, context, where);
      const picked = Array.isArray(list) ? list[Number(resolveNode(index, context, where))] : undefined;
      if (picked === undefined) throw new ServerlessConfigError(where, 'Fn::Select index is out of range');
      return picked;
    }
    case 'Fn::Split': {
      const [delimiter, source] = Array.isArray(argument) ? argument : [];
      return asString(resolveNode(source, context, where), where).split(asString(delimiter, where));
    }
    case 'Fn::ImportValue':
    case 'Fn::If':
    case 'Fn::FindInMap':
    case 'Condition':
      throw new ServerlessConfigError(where, `${only} needs a deployed stack and has no local value: use a plain value or \${self:...}`);
    default:
      return Object.fromEntries(
        Object.entries(value)
          .map(([key, item]) => [key, resolveNode(item, context, `${where}.${key}`)] as const)
          .filter(([, item]) => item !== noValue),
      );
  }
}
