// asl-validator 4 ships no type declarations; its result is parsed with zod where it is called.
declare module 'asl-validator' {
  export default function validator(definition: unknown, options?: { checkPaths?: boolean; checkArn?: boolean }): unknown;
}
