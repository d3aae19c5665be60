/** The time port: handlers take "now" from here, so a test can fix it and the domain never reads a clock itself. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
