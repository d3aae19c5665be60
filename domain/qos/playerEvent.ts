import * as z from 'zod';

/** The player event types a QoS beacon may carry; CMCD v2 player states map onto these. */
export const playerEventTypes = ['play_attempt', 'first_frame', 'stall_start', 'stall_end', 'bitrate_change', 'seek', 'pause', 'error', 'heartbeat', 'end'] as const;

/**
 * One player event, keyed on CTA-5004 CMCD names: session `sid`, content `cid`, streaming format `sf`, stream
 * type `st`, encoded bitrate `br` (kbps), buffer length `bl` (ms), buffer starvation `bs`, measured throughput
 * `mtp` (kbps), CMCD v2 state `sta`. `seq` orders a session's events and makes a resent one a duplicate.
 */
export const playerEventSchema = z.strictObject({
  type: z.enum(playerEventTypes),
  sid: z.uuid().transform((id) => id.toLowerCase()),
  seq: z.number().int().min(0),
  ts: z.iso.datetime({ offset: true }),
  cid: z.string().min(1).max(128),
  sf: z.enum(['d', 'h', 's', 'o']).optional(),
  st: z.enum(['v', 'l']).optional(),
  br: z.number().int().min(0).max(1_000_000).optional(),
  bl: z.number().int().min(0).optional(),
  bs: z.boolean().optional(),
  mtp: z.number().int().min(0).optional(),
  sta: z.enum(['s', 'p', 'k', 'r', 'a', 'w', 'e', 'f']).optional(),
  cdn: z.string().min(1).max(64).optional(),
  country: z.string().regex(/^[A-Z]{2,3}$/).optional(),
  /** On `error`: whether playback could not go on. */
  fatal: z.boolean().optional(),
  code: z.string().max(64).optional(),
});
export type PlayerEvent = z.output<typeof playerEventSchema>;
