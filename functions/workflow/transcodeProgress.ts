import { GetJobCommand, ListJobsCommand, type MediaConvertClient } from '@aws-sdk/client-mediaconvert';
import * as z from 'zod';

const jobSchema = z.object({
  Id: z.string(),
  Status: z.string().optional(),
  JobPercentComplete: z.number().int().min(0).max(100).optional(),
  UserMetadata: z.record(z.string(), z.string()).optional(),
});

/** How far pages of PROGRESSING jobs are searched for the transcode's job (20 a page): a busy account's newest 100. */
const maxPages = 5;

/**
 * The running MediaConvert job of a transcode, found by the transcodeId its UserMetadata carries (domain/media/
 * jobSettings), and its jobPercentComplete as GetJob reports it. `.sync` keeps the job id inside Step Functions until
 * the job ends, hence the search among PROGRESSING jobs. Null when the job is not (or no longer) progressing or
 * MediaConvert gives no percentage yet.
 */
export const transcodeProgress = async (mediaConvert: Pick<MediaConvertClient, 'send'>, transcodeId: string): Promise<{ jobId: string; percent: number } | null> => {
  let nextToken: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const listed = await mediaConvert.send(new ListJobsCommand({ Status: 'PROGRESSING', Order: 'DESCENDING', MaxResults: 20, ...(nextToken === undefined ? {} : { NextToken: nextToken }) }));
    const found = z.array(jobSchema).parse(listed.Jobs ?? []).find((job) => job.UserMetadata?.transcodeId === transcodeId);
    if (found !== undefined) {
      const { Job } = await mediaConvert.send(new GetJobCommand({ Id: found.Id }));
      const job = jobSchema.parse(Job);
      return job.Status === 'PROGRESSING' && job.JobPercentComplete !== undefined ? { jobId: job.Id, percent: job.JobPercentComplete } : null;
    }
    nextToken = listed.NextToken;
    if (nextToken === undefined) return null;
  }
  return null;
};
