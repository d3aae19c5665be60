import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Frames the model takes: 224 x 224 RGB, 8 bits a channel, row by row (ffmpeg's `-pix_fmt rgb24`). */
export const frameSide = 224;
export const frameBytes = frameSide * frameSide * 3;

/** The model's name in recorded assessments. */
export const nsfwModelName = 'nsfwjs-mobilenet-v2';

/** The classes MobileNetV2 scores, each frame's five probabilities summing to 1. */
export const nsfwClasses = ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy'] as const;
export type NsfwClass = (typeof nsfwClasses)[number];

export interface FrameClassifier {
  /** Each class's probability for one 224 x 224 rgb24 frame. */
  readonly classify: (frame: Uint8Array) => Promise<Record<NsfwClass, number>>;
}

/**
 * The MobileNetV2 definition, its files required by absolute path from the nsfwjs package (the weights are base64
 * in UMD modules under dist/models, which its `exports` map hides). Not `nsfwjs/models/mobilenet_v2`: its CommonJS
 * build wraps the 3.5 MB weight string with one getter per character (about 5 s a load; this takes a fraction).
 */
const mobileNetV2Definition = () => {
  const core = require.resolve('nsfwjs/core');
  const models = join(dirname(core), '..', 'models', 'mobilenet_v2');
  const load = createRequire(core);
  return {
    name: 'MobileNetV2' as const,
    numOfWeightBundles: 1,
    modelJson: () => Promise.resolve({ default: load(join(models, 'model.min.js')) as never }),
    weightBundles: [() => Promise.resolve({ default: load(join(models, 'group1-shard1of1.min.js')) as string })],
  };
};

const isNsfwClass = (name: string): name is NsfwClass => (nsfwClasses as readonly string[]).includes(name);

/**
 * Loads nsfwjs MobileNetV2 on TensorFlow.js's wasm backend (SIMD, one thread; the .wasm files are read from the
 * package, nothing is fetched): about 50 ms a frame on one core, against 900 ms for the pure-JS cpu backend. The
 * imports are dynamic so a container that never moderates with the model (Rekognition, off) does not load tfjs.
 */
const loadClassifier = async (): Promise<FrameClassifier> => {
  const tf = await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-wasm');
  const { load } = await import('nsfwjs/core');
  if (!(await tf.setBackend('wasm'))) throw new Error('TensorFlow.js could not start its wasm backend (@tensorflow/tfjs-backend-wasm)');
  await tf.ready();
  const model = await load('MobileNetV2', { modelDefinitions: [mobileNetV2Definition()] });
  return {
    classify: async (frame) => {
      if (frame.length !== frameBytes) throw new Error(`a frame is ${frameBytes} bytes (224 x 224 rgb24), got ${frame.length}`);
      const image = tf.tensor3d(Int32Array.from(frame), [frameSide, frameSide, 3], 'int32');
      try {
        const predictions = await model.classify(image, nsfwClasses.length);
        const scores = Object.fromEntries(nsfwClasses.map((name) => [name, 0])) as Record<NsfwClass, number>;
        for (const { className, probability } of predictions) if (isNsfwClass(className)) scores[className] = probability;
        return scores;
      } finally {
        image.dispose();
      }
    },
  };
};

let classifier: Promise<FrameClassifier> | undefined;

/** The model, loaded once per container (a failed load is tried again by the next call). */
export const nsfwClassifier = (): Promise<FrameClassifier> => {
  classifier ??= loadClassifier().catch((error: unknown) => {
    classifier = undefined;
    throw error;
  });
  return classifier;
};
