import { InvalidEventPatternError } from './errors';
import { compileEventPattern, validateEventPattern } from './pattern';

/** Reasons are Event Ruler's (JsonRuleCompiler), the compiler EventBridge reports InvalidEventPatternException from. */
const refused: [pattern: unknown, reason: string][] = [
  [[{ source: ['a'] }], 'Filter is not an object'],
  [null, 'Filter is not an object'],
  ['not json', 'Filter is not valid JSON'],
  [{}, 'Empty objects are not allowed'],
  [{ detail: {} }, 'Empty objects are not allowed'],
  [{ source: 'aws.ec2' }, '"source" must be an object or an array'],
  [{ source: 5 }, '"source" must be an object or an array'],
  [{ source: [] }, 'Empty arrays are not allowed'],
  [{ source: [['nested']] }, 'Match value must be String, number, true, false, or null'],
  [{ source: [{}] }, 'Match expression name not found'],
  [{ source: [{ regex: 'a.*' }] }, 'Unrecognized match type regex'],
  [{ source: [{ prefix: 'a', suffix: 'b' }] }, 'Only one key allowed in match expression'],
  [{ source: [{ prefix: 5 }] }, 'prefix match pattern must be a string'],
  [{ source: [{ prefix: { 'ignore-case': 'a' } }] }, 'Unsupported prefix pattern: ignore-case'],
  [{ source: [{ suffix: null }] }, 'suffix match pattern must be a string'],
  [{ source: [{ 'equals-ignore-case': ['a'] }] }, 'equals-ignore-case match pattern must be a string'],
  [{ source: [{ wildcard: 'a**b' }] }, 'Consecutive wildcard characters at pos 1'],
  [{ source: [{ wildcard: 'a\\b' }] }, 'Invalid escape character at pos 1'],
  [{ source: [{ wildcard: 7 }] }, 'wildcard match pattern must be a string'],
  [{ n: [{ numeric: 5 }] }, 'Value of numeric must be an array.'],
  [{ n: [{ numeric: ['!=', 5] }] }, 'Unrecognized numeric range operator: !='],
  [{ n: [{ numeric: ['>', '5'] }] }, 'Value of > must be numeric'],
  [{ n: [{ numeric: ['=', 5, 6] }] }, 'Too many elements in numeric expression'],
  [{ n: [{ numeric: ['>', 5, '>', 6] }] }, 'Bad numeric range operator: ">"'],
  [{ n: [{ numeric: ['>', 5, '<', 6, 7] }] }, 'Too many terms in numeric range expression'],
  [{ n: [{ numeric: ['>', 10, '<', 5] }] }, 'Bottom must be less than top'],
  [{ n: [{ numeric: [5] }] }, 'Invalid member in numeric match: 5'],
  [{ s: [{ exists: 'true' }] }, 'exists match pattern must be either true or false.'],
  [{ s: [{ 'anything-but': null }] }, 'Value of anything-but must be an array or single string/number value.'],
  [{ s: [{ 'anything-but': true }] }, 'Value of anything-but must be an array or single string/number value.'],
  [{ s: [{ 'anything-but': ['a', 1] }] }, 'mixed type is not supported'],
  [{ s: [{ 'anything-but': [null] }] }, 'start|null|boolean is not supported'],
  [{ s: [{ 'anything-but': [] }] }, 'either all values are number or string'],
  [{ s: [{ 'anything-but': { contains: 'a' } }] }, 'Unsupported anything-but pattern: contains'],
  [{ s: [{ 'anything-but': { prefix: '' } }] }, 'Null prefix/suffix not allowed'],
  [{ s: [{ 'anything-but': { prefix: 5 } }] }, 'prefix match pattern must be a string'],
  [{ s: [{ 'anything-but': { wildcard: 'a**' } }] }, 'Consecutive wildcard characters'],
  [{ s: [{ 'anything-but': { 'equals-ignore-case': [1] } }] }, 'Inside anything-but/equals-ignore-case list'],
  [{ ip: [{ cidr: '10.0.0.0' }] }, "Malformed CIDR, one '/' required"],
  [{ ip: [{ cidr: '10.0.0.0/x' }] }, 'Malformed CIDR, mask bits must be an integer'],
  [{ ip: [{ cidr: '10.0.0.300/24' }] }, 'Invalid IP address: 10.0.0.300'],
  [{ ip: [{ cidr: '10.0.0.1/32' }] }, 'IPv4 mask bits must be < 32'],
  [{ ip: [{ cidr: '::1/128' }] }, 'IPv6 mask bits must be < 128'],
  [{ $or: { a: ['x'] } }, 'It must be an Array followed with $or.'],
  [{ $or: [{ a: ['x'] }] }, 'There must have at least 2 Objects in $or relationship.'],
  [{ $or: [{ a: ['x'] }, 'b'] }, 'Only JSON object is allowed in array of $or relationship.'],
  [{ $or: [{ a: ['x'] }, { numeric: ['x'] }] }, 'numeric is Ruler reserved fieldName which cannot be used inside $or.'],
];

describe('validateEventPattern', () => {
  it.each(refused)('refuses %j', (pattern, reason) => {
    expect(() => validateEventPattern(pattern)).toThrow(InvalidEventPatternError);
    expect(() => validateEventPattern(pattern)).toThrow(/^Event pattern is not valid\. Reason: /);
    expect(() => validateEventPattern(pattern)).toThrow(reason);
  });

  it('accepts the JSON text the API carries as well as parsed objects', () => {
    expect(() => validateEventPattern('{"source":["aws.ec2"]}')).not.toThrow();
    expect(compileEventPattern('{"source":["aws.ec2"]}')({ source: 'aws.ec2' })).toBe(true);
  });

  it('accepts every documented operator together', () => {
    const everything = {
      source: ['a', 1, true, null, { prefix: 'p' }, { prefix: { 'equals-ignore-case': 'P' } }, { suffix: 's' }],
      detail: {
        a: [{ suffix: { 'equals-ignore-case': 'S' } }, { 'equals-ignore-case': 'x' }, { wildcard: 'a*\\*\\\\' }],
        b: [{ 'anything-but': 'x' }, { 'anything-but': 1 }, { 'anything-but': ['x'] }, { 'anything-but': [1, 2] }],
        c: [{ 'anything-but': { prefix: ['p', 'q'] } }, { 'anything-but': { suffix: 's' } }],
        d: [{ 'anything-but': { 'equals-ignore-case': 'x' } }, { 'anything-but': { wildcard: ['*/lib/*'] } }],
        e: [{ numeric: ['>=', 0, '<', 1] }, { numeric: ['<=', 5] }, { numeric: ['=', 3] }, { exists: true }],
        f: [{ cidr: '10.0.0.0/8' }, { cidr: '2001:db8::/32' }],
        $or: [{ g: [{ exists: false }] }, { h: { i: ['j'] } }],
      },
    };
    expect(() => validateEventPattern(everything)).not.toThrow();
  });
});
