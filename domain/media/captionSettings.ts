/**
 * Captions in a MediaConvert job: one caption selector per language on the input, each reading the show's WebVTT
 * file from S3 (FileSourceSettings), and per streaming group one caption-only output per language, the sidecar
 * format that container takes from a sidecar source (MediaConvert's "sidecar captions support tables"): WebVTT for
 * HLS and CMAF (listed in the HLS master as SUBTITLES renditions, in the CMAF DASH manifest as text sets), TTML as a
 * raw .ttml sidecar for DASH ISO (which takes no WebVTT). MediaConvert wants sidecar captions in an output of their
 * own, beside the video outputs of the same group. The names are MediaConvert's own.
 */
export interface CaptionSource {
  /** BCP 47, as the creator gave it (`en`, `fr-CA`). */
  readonly language: string;
  readonly label: string;
  /** `s3://bucket/key` of the WebVTT file. */
  readonly sourceFile: string;
}

export interface CaptionSelector {
  readonly SourceSettings: { readonly SourceType: 'WEBVTT'; readonly FileSourceSettings: { readonly SourceFile: string } };
}

type Destination =
  | { readonly DestinationType: 'WEBVTT'; readonly WebvttDestinationSettings: { readonly StylePassthrough: 'ENABLED' } }
  | { readonly DestinationType: 'TTML'; readonly TtmlDestinationSettings: { readonly StylePassthrough: 'ENABLED' } };

export interface CaptionDescription {
  readonly CaptionSelectorName: string;
  readonly DestinationSettings: Destination;
  /** MediaConvert's three-letter code, where the language has one in ours; the description names it either way. */
  readonly LanguageCode?: string;
  readonly LanguageDescription: string;
}

export type CaptionContainer = { readonly Container: 'M3U8' } | { readonly Container: 'MPD'; readonly MpdSettings: { readonly CaptionContainerType: 'RAW' } } | { readonly Container: 'CMFC' };

export interface CaptionOutput {
  readonly NameModifier: string;
  readonly ContainerSettings: CaptionContainer;
  readonly CaptionDescriptions: readonly [CaptionDescription];
}

/**
 * The selector of a language is named after it: MediaConvert's names are free text, and its three-letter codes
 * cannot carry a region (`fr-CA`), which the local transcoder reads back from here.
 */
export const captionSelectorNameOf = (language: string) => `Captions ${language}`;
export const languageOfSelector = (name: string): string | null => (name.startsWith('Captions ') ? name.slice('Captions '.length) : null);

// ISO 639-1 -> MediaConvert's LanguageCode (ISO 639-2) for the languages creators use most; others go by description.
const threeLetter: Readonly<Record<string, string>> = {
  ar: 'ARA', bn: 'BEN', cs: 'CES', da: 'DAN', de: 'DEU', el: 'ELL', en: 'ENG', es: 'SPA', fa: 'FAS', fi: 'FIN', fr: 'FRA', he: 'HEB', hi: 'HIN',
  hu: 'HUN', id: 'IND', it: 'ITA', ja: 'JPN', ko: 'KOR', ms: 'MSA', nl: 'NLD', no: 'NOR', pl: 'POL', pt: 'POR', ro: 'RON', ru: 'RUS', sv: 'SWE',
  ta: 'TAM', te: 'TEL', th: 'THA', tr: 'TUR', uk: 'UKR', ur: 'URD', vi: 'VIE', zh: 'ZHO',
};

export const languageCodeOf = (language: string): string | undefined => threeLetter[language.split('-')[0]?.toLowerCase() ?? ''];

export const captionSelectors = (captions: readonly CaptionSource[]): Record<string, CaptionSelector> =>
  Object.fromEntries(captions.map((c) => [captionSelectorNameOf(c.language), { SourceSettings: { SourceType: 'WEBVTT', FileSourceSettings: { SourceFile: c.sourceFile } } }]));

const destinations = {
  webvtt: { DestinationType: 'WEBVTT', WebvttDestinationSettings: { StylePassthrough: 'ENABLED' } },
  ttml: { DestinationType: 'TTML', TtmlDestinationSettings: { StylePassthrough: 'ENABLED' } },
} as const;

const containers = { hls: { Container: 'M3U8' }, dash: { Container: 'MPD', MpdSettings: { CaptionContainerType: 'RAW' } }, cmaf: { Container: 'CMFC' } } as const;

/** One caption-only output per language for a group of this kind. */
export const captionOutputs = (captions: readonly CaptionSource[], group: 'hls' | 'dash' | 'cmaf'): CaptionOutput[] =>
  captions.map((c) => {
    const code = languageCodeOf(c.language);
    return {
      NameModifier: `_captions_${c.language}`,
      ContainerSettings: containers[group],
      CaptionDescriptions: [
        {
          CaptionSelectorName: captionSelectorNameOf(c.language),
          DestinationSettings: group === 'dash' ? destinations.ttml : destinations.webvtt,
          ...(code === undefined ? {} : { LanguageCode: code }),
          LanguageDescription: c.label,
        },
      ],
    };
  });

export const isCaptionOutput = (output: object): output is CaptionOutput => 'CaptionDescriptions' in output;
