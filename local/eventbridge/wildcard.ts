import { InvalidEventPatternError } from './errors';

const regexSpecials = /[.*+?^${}()|[\]\\/-]/g;

/**
 * Compiles an EventBridge wildcard (`*` = any run of characters; `\*` a literal star; `\\` a literal
 * backslash) into a whole-string test. AWS refuses `**` and any other backslash escape, and so do we.
 */
export const compileWildcard = (wildcard: string): ((value: string) => boolean) => {
  let source = '';
  for (let i = 0; i < wildcard.length; i++) {
    const char = wildcard[i];
    const next = wildcard[i + 1];
    if (char === '*') {
      if (next === '*') throw new InvalidEventPatternError(`Consecutive wildcard characters at pos ${i}`);
      source += '.*';
    } else if (char === '\\') {
      if (next !== '*' && next !== '\\') throw new InvalidEventPatternError(`Invalid escape character at pos ${i}`);
      source += `\\${next}`;
      i++;
    } else if (char !== undefined) {
      source += char.replace(regexSpecials, '\\$&');
    }
  }
  const regex = new RegExp(`^${source}$`, 's');
  return (value) => regex.test(value);
};
