import { InvalidEventPatternError } from './errors';

type Bound = { value: number; inclusive: boolean };

const lowerOperators: Record<string, boolean> = { '>': false, '>=': true };
const upperOperators: Record<string, boolean> = { '<': false, '<=': true };

const numberAt = (operands: readonly unknown[], index: number, operator: string): number => {
  const value = operands[index];
  if (typeof value !== 'number') throw new InvalidEventPatternError(`Value of ${operator} must be numeric`);
  return value;
};

const endsAt = (operands: readonly unknown[], length: number, message: string): void => {
  if (operands.length > length) throw new InvalidEventPatternError(message);
};

// The upper bound of a range `[">", 0, "<=", 5]`, which must sit above the lower one.
const upperBoundAfter = (operands: readonly unknown[], bottom: Bound): Bound => {
  const topOperator = operands[2];
  const topInclusive = typeof topOperator === 'string' ? upperOperators[topOperator] : undefined;
  if (typeof topOperator !== 'string' || topInclusive === undefined) {
    throw new InvalidEventPatternError(`Bad numeric range operator: ${JSON.stringify(topOperator)}`);
  }
  const top: Bound = { value: numberAt(operands, 3, topOperator), inclusive: topInclusive };
  endsAt(operands, 4, 'Too many terms in numeric range expression');
  if (bottom.value >= top.value) throw new InvalidEventPatternError('Bottom must be less than top');
  return top;
};

/** `{"numeric": ["=", 5]}`, one bound, or a lower bound followed by an upper bound; numbers only. */
export const compileNumeric = (operands: unknown): ((value: number) => boolean) => {
  if (!Array.isArray(operands)) throw new InvalidEventPatternError('Value of numeric must be an array.');
  const operator = operands[0];
  if (typeof operator !== 'string') {
    throw new InvalidEventPatternError(`Invalid member in numeric match: ${JSON.stringify(operator)}`);
  }
  if (operator === '=') {
    const expected = numberAt(operands, 1, 'equals');
    endsAt(operands, 2, 'Too many elements in numeric expression');
    return (value) => value === expected;
  }
  const upperOnly = upperOperators[operator];
  if (upperOnly !== undefined) {
    const top: Bound = { value: numberAt(operands, 1, operator), inclusive: upperOnly };
    endsAt(operands, 2, 'Too many elements in numeric expression');
    return (value) => (top.inclusive ? value <= top.value : value < top.value);
  }
  const lowerInclusive = lowerOperators[operator];
  if (lowerInclusive === undefined) throw new InvalidEventPatternError(`Unrecognized numeric range operator: ${operator}`);
  const bottom: Bound = { value: numberAt(operands, 1, operator), inclusive: lowerInclusive };
  const aboveBottom = (value: number) => (bottom.inclusive ? value >= bottom.value : value > bottom.value);
  if (operands.length === 2) return aboveBottom;
  const top = upperBoundAfter(operands, bottom);
  return (value) => aboveBottom(value) && (top.inclusive ? value <= top.value : value < top.value);
};
