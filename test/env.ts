// Handlers read their configuration once at module load; unit tests load them with these stand-in values.
process.env.EVENTS_TABLE ??= 'test-events';
process.env.SNAPSHOTS_TABLE ??= 'test-snapshots';
process.env.EVENT_BUS_NAME ??= 'test-bus';
