// Handlers read their configuration once at module load; unit tests load them with these stand-in values.
process.env.EVENTS_TABLE ??= 'test-events';
process.env.SNAPSHOTS_TABLE ??= 'test-snapshots';
process.env.EVENT_BUS_NAME ??= 'test-bus';
process.env.MEDIA_BUCKET ??= 'test-media';
process.env.USER_POOL_ID ??= 'eu-west-1_test';
process.env.STREAM_DEAD_LETTER_QUEUE_URL ??= 'https://sqs.eu-west-1.amazonaws.com/000000000000/test-stream-dead-letters';
