import { JavaMissingError, startDynamoDbLocal } from './dynamodbLocal';

describe('startDynamoDbLocal', () => {
  it('says how to install Java when there is none on PATH, starting nothing', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const start = startDynamoDbLocal();
      await expect(start).rejects.toBeInstanceOf(JavaMissingError);
      await expect(start).rejects.toThrow('apt-get install -y default-jre-headless');
    } finally {
      process.env.PATH = path;
    }
  });
});
