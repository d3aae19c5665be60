import type { EventStore } from '../../adapters/eventstore';
import { eventStore } from '../runtime/eventStore';
import { documentClient } from '../runtime/sdk/dynamodb';
import { sfnClient } from '../runtime/sdk/sfn';
import { workflowConfig, type WorkflowConfig } from './config';
import { createReviewsTable, type ReviewsTable } from './reviewsTable';
import { sfnWorkflowTasks, type WorkflowTasks } from './workflowTasks';

/** The ports of the workflow's handlers: the container's clients here, tests' own tables or stand-ins in tests. */
export interface WorkflowDeps {
  readonly config: WorkflowConfig;
  readonly store: EventStore;
  readonly reviews: ReviewsTable;
  readonly tasks: WorkflowTasks;
  readonly now: () => string;
  readonly pause: (ms: number) => Promise<void>;
}

let deps: WorkflowDeps | undefined;

/** The workflow's composition root: config read and validated once, clients created once per container. */
export const workflowDeps = (env: Readonly<Record<string, string | undefined>> = process.env): WorkflowDeps => {
  if (deps === undefined) {
    const config = workflowConfig(env);
    deps = {
      config,
      store: eventStore(env),
      reviews: createReviewsTable(documentClient(), config.REVIEWS_TABLE),
      tasks: sfnWorkflowTasks(sfnClient()),
      now: () => new Date().toISOString(),
      pause: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    };
  }
  return deps;
};
