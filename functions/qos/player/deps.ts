import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EventStore } from '../../../adapters/eventstore';
import { systemClock, type Clock } from '../../runtime/clock';
import type { Env } from '../../runtime/config';
import { eventStore } from '../../runtime/eventStore';
import { documentClient } from '../../runtime/sdk/dynamodb';
import { readIngressConfig, type IngressConfig } from '../ingress';
import { playerTablesOf, qosConfigOf, type PlayerTables, type QosConfig } from './config';

/** The ports of the player QoS functions: each function's entry module (entries/) wires them to this container, tests to their own tables. */
export interface PlayerDeps {
  readonly db: DynamoDBDocumentClient;
  readonly tables: PlayerTables;
  readonly qos: QosConfig;
  readonly ingress: IngressConfig;
  readonly clock: Clock;
  /**
   * Where alert transitions are appended; only the functions that evaluate alerts are given the event store's
   * tables, so it is opened on first use rather than at load.
   */
  readonly store: () => EventStore;
}

/** The player QoS ports from this container's environment: read once, at load, by each function's entry module (entries/). */
export const playerDeps = (env: Env = process.env): PlayerDeps => ({
  db: documentClient(),
  tables: playerTablesOf(env),
  qos: qosConfigOf(env),
  ingress: readIngressConfig(env),
  clock: systemClock,
  store: () => eventStore(env),
});
