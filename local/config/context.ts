import type { IntrinsicContext } from './intrinsics';
import type { RawServerless } from './rawSchema';

/** What every normalizer needs: the validated raw config and how to name and resolve things locally. */
export interface BuildContext extends IntrinsicContext {
  readonly service: string;
  readonly stage: string;
  readonly serviceDir: string;
  readonly raw: RawServerless;
  /** function key -> deployed Lambda name */
  readonly functionNames: ReadonlyMap<string, string>;
}
