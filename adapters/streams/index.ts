export { insertedItem, streamEventSchema, type StreamEvent, type StreamRecord } from './streamEvent';
export { failedRecords, groupBy, groupRecords, type Decoder, type GroupedBatch, type GroupFailure, type Groups, type Unit } from './groups';
export { processStream, type StreamConsumer } from './processStream';
export { foldGated, ProjectionContentionError, type FoldReport, type GatedFold, type RecordChange, type Stored, type TransactItem } from './gatedFold';
export { failedGroups, foldGroups } from './failedGroups';
export { storedEvents } from './storedEvents';
