/** What `npm run bench` hands every benchmark module. */
export interface BenchContext {
  /** The in-memory DynamoDB Local started for this run (also exported as AWS_ENDPOINT_URL_DYNAMODB). */
  readonly dynamoDbEndpoint: string;
}

/** One section of bench/results.json and bench/results.md; a module owns its section and nothing else. */
export interface BenchSection {
  readonly title: string;
  readonly measuredAt: string;
  readonly environment: string;
  readonly notes: readonly string[];
  readonly columns: readonly string[];
  readonly rows: readonly Readonly<Record<string, string | number>>[];
}

export interface BenchModule {
  /** Key in results.json; also what `npm run bench -- <section>` selects. */
  readonly section: string;
  run(context: BenchContext): Promise<BenchSection>;
}
