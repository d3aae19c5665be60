/** One player event as POST /qos/events takes it (domain/qos/playerEvent.ts: CMCD keys). */
export interface QosEvent {
  readonly type: 'play_attempt' | 'first_frame' | 'stall_start' | 'stall_end' | 'bitrate_change' | 'seek' | 'pause' | 'error' | 'heartbeat' | 'end';
  readonly sid: string;
  readonly seq: number;
  readonly ts: string;
  readonly cid: string;
  readonly sf?: 'h' | 'd';
  readonly st?: 'v';
  readonly br?: number;
  readonly bl?: number;
  readonly cdn?: string;
  readonly fatal?: boolean;
  readonly code?: string;
}
