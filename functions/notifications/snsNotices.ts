import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { SendNotice } from './notifier';

/**
 * Notices as SNS messages on one topic: the subject and text for email subscriptions, and attributes (creatorId,
 * showId, outcome) that a subscription's filter policy can select on, e.g. one creator's address for their shows.
 */
export const snsNotices = (sns: Pick<SNSClient, 'send'>, topicArn: string): SendNotice => async (notice) => {
  const attribute = (value: string) => ({ DataType: 'String', StringValue: value });
  await sns.send(
    new PublishCommand({
      TopicArn: topicArn,
      Subject: notice.subject,
      Message: notice.message,
      MessageAttributes: { creatorId: attribute(notice.creatorId), showId: attribute(notice.showId), outcome: attribute(notice.outcome) },
    }),
  );
};
