export type * from './commands';
export { decideShow, showDecider } from './decider';
export { decodeShowEvent, showEventRegistry, showStreamCategory, showStreamId, type ShowEvent, type ShowEventType } from './events';
export { evolveShow } from './evolve';
export { chooseLadder, standardLadder } from './ladder';
export { showRefusalCodes, type ShowRefusalCode } from './refusals';
export { initialShowState, showStateSchema, showStateVersion, showStatusSchema, type ShowState, type ShowStatus } from './state';
export { supportedSourceExtensions, uploadWindowMs } from './decideIngest';
export { showCommandInputSchemas, type CommandInput } from './commandSchemas';
