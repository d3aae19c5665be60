import { parse, YAMLMap, type ScalarTag, type CollectionTag } from 'yaml';
import { ServerlessConfigError } from './errors';

/** CloudFormation's short-form tags, turned into their long `Fn::` form as the framework does before printing. */
const intrinsicNames: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!GetAtt': 'Fn::GetAtt',
  '!Sub': 'Fn::Sub',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!If': 'Fn::If',
  '!Equals': 'Fn::Equals',
  '!Not': 'Fn::Not',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!FindInMap': 'Fn::FindInMap',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!GetAZs': 'Fn::GetAZs',
  '!ImportValue': 'Fn::ImportValue',
};

const wrap = (name: string, value: unknown): YAMLMap => {
  const map = new YAMLMap();
  map.set(name, value);
  return map;
};

const cloudFormationTags = Object.entries(intrinsicNames).flatMap(([tag, name]): (ScalarTag | CollectionTag)[] => [
  {
    tag,
    identify: () => false,
    // `!GetAtt Table.Arn` is the dotted short form of `Fn::GetAtt: [Table, Arn]`.
    resolve: (text: string) => ({ [name]: name === 'Fn::GetAtt' ? splitOnFirstDot(text) : text }),
  },
  { tag, identify: () => false, collection: 'seq', resolve: (seq) => wrap(name, seq) },
  { tag, identify: () => false, collection: 'map', resolve: (map) => wrap(name, map) },
]);

const splitOnFirstDot = (text: string): string[] => {
  const dot = text.indexOf('.');
  return dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
};

/** Parses serverless.yml text, CloudFormation tags included; a syntax error names the line. */
export const parseServerlessYaml = (text: string, fileName: string): unknown => {
  try {
    return parse(text, { customTags: cloudFormationTags, merge: true, prettyErrors: false });
  } catch (error) {
    throw new ServerlessConfigError(fileName, `is not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
};
