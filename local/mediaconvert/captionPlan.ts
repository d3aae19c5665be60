import { z } from 'zod';
import { languageOfSelector } from '../../domain/media/captionSettings';

/**
 * The captions of a CreateJob request, as the local transcoder honours them: caption selectors reading WebVTT files
 * from S3 (FileSourceSettings), and the caption-only outputs of the streaming groups that name them. Each language
 * becomes a subtitle rendition of the HLS master and a text set of the DASH manifest, in the layout functions/captions
 * writes (`<prefix>/captions/<language>.vtt` + `.m3u8`), so captions added after the transcode land beside them.
 */
export interface PlannedCaption {
  readonly language: string;
  readonly label: string;
  readonly source: { readonly bucket: string; readonly key: string };
}

const s3Url = z.string().regex(/^s3:\/\/[^/]+\/.+/, 'an s3://bucket/key URL');

export const captionSelectorsSchema = z
  .record(z.string(), z.looseObject({ SourceSettings: z.looseObject({ SourceType: z.literal('WEBVTT'), FileSourceSettings: z.looseObject({ SourceFile: s3Url }) }) }))
  .optional();

export const captionOutputSchema = z.looseObject({
  NameModifier: z.string().min(1),
  CaptionDescriptions: z
    .array(z.looseObject({ CaptionSelectorName: z.string().min(1), DestinationSettings: z.looseObject({ DestinationType: z.enum(['WEBVTT', 'TTML']) }), LanguageDescription: z.string().optional() }))
    .length(1),
});
type CaptionOutput = z.infer<typeof captionOutputSchema>;

export const isCaptionOutput = (output: unknown): boolean => typeof output === 'object' && output !== null && 'CaptionDescriptions' in output;

/**
 * One track per selector the caption outputs name, in the order they first name it; a problem (a selector that does
 * not exist, a name the language cannot be read from) as a sentence for UnsupportedJobSettingsError.
 */
type Selectors = z.infer<typeof captionSelectorsSchema>;

const trackOf = (selectors: Selectors, output: CaptionOutput, description: CaptionOutput['CaptionDescriptions'][number]): PlannedCaption | string => {
  const selector = selectors?.[description.CaptionSelectorName];
  if (selector === undefined) return `output ${output.NameModifier} names caption selector "${description.CaptionSelectorName}", which the input does not have`;
  const language = languageOfSelector(description.CaptionSelectorName);
  if (language === null) return `caption selector "${description.CaptionSelectorName}" does not say its language ("Captions <BCP 47 tag>", as domain/media/captionSettings.ts names them)`;
  const [, bucket = '', key = ''] = /^s3:\/\/([^/]+)\/(.+)$/.exec(selector.SourceSettings.FileSourceSettings.SourceFile) ?? [];
  return { language, label: description.LanguageDescription ?? language, source: { bucket, key } };
};

export const plannedCaptions = (selectors: Selectors, outputs: readonly CaptionOutput[]): PlannedCaption[] | string => {
  const tracks = new Map<string, PlannedCaption>();
  for (const output of outputs) {
    const [description] = output.CaptionDescriptions;
    if (description === undefined || tracks.has(description.CaptionSelectorName)) continue;
    const track = trackOf(selectors, output, description);
    if (typeof track === 'string') return track;
    tracks.set(description.CaptionSelectorName, track);
  }
  return [...tracks.values()];
};
