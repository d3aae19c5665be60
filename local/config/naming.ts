/** The framework's logical id of a name (`hello-world` -> `HelloDashworld`), as in osls's naming.js. */
export const normalizedResourceName = (name: string): string =>
  `${name.charAt(0).toUpperCase()}${name.slice(1)}`.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');

export const lambdaLogicalId = (functionKey: string): string => `${normalizedResourceName(functionKey)}LambdaFunction`;

/** serverless-step-functions: an explicit `id` or `name` wins, else `<Key>StepFunctionsStateMachine`. */
export const stateMachineLogicalId = (key: string, explicit: { id?: string; name?: string }): string => {
  const custom = explicit.id ?? explicit.name;
  return custom === undefined ? `${normalizedResourceName(key)}StepFunctionsStateMachine` : normalizedResourceName(custom);
};

export interface Arns {
  readonly region: string;
  readonly accountId: string;
}

export const lambdaArn = ({ region, accountId }: Arns, name: string): string => `arn:aws:lambda:${region}:${accountId}:function:${name}`;
export const stateMachineArn = ({ region, accountId }: Arns, name: string): string =>
  `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;
export const tableArn = ({ region, accountId }: Arns, name: string): string => `arn:aws:dynamodb:${region}:${accountId}:table/${name}`;
export const eventBusArn = ({ region, accountId }: Arns, name: string): string => `arn:aws:events:${region}:${accountId}:event-bus/${name}`;

/** The resource name at the end of an ARN (`...:event-bus/name`, `...:table/name/stream/x`, `...:function:name`). */
export const nameFromArn = (arn: string): string | undefined => {
  const table = /:table\/([^/]+)/.exec(arn);
  if (table) return table[1];
  const bus = /:event-bus\/(.+)$/.exec(arn);
  if (bus) return bus[1];
  const parts = arn.split(':');
  return parts.length >= 6 ? parts[parts.length - 1] : undefined;
};
