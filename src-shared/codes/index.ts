// Code generation and validation: pure, randomness only from Web Crypto (see random.ts).
export { normalizeCode, sameCode } from './normalize';
export {
  ALPHANUMERIC,
  CODE_CHARS,
  NUMERIC,
  isCodeChar,
  resolveCharset,
  validateCustomCharset,
  type CharsetKind,
} from './charsets';
export { CODE_MAX_LENGTH, CODE_MIN_LENGTH, codeFormatReasons } from './code-rules';
export { validateCommonCode } from './common-code';
export {
  MAX_UNIQUE_FILL,
  checkUniqueCodeRequest,
  uniqueCodeCapacity,
  uniqueCodeLimit,
  type UniqueCodeSpace,
} from './unique-capacity';
export {
  createUniqueCodeGenerator,
  type UniqueCodeGenerator,
  type UniqueCodeOptions,
} from './unique-generator';
export { createKeyedPermutation, type KeyedPermutation } from './keyed-permutation';
export {
  SAMPLE_MAX_LENGTH,
  SAMPLE_MIN_LENGTH,
  analyzeSample,
  createRandomizedSeries,
  type RandomizedSeries,
  type RandomizedSeriesConfig,
  type SampleShape,
} from './randomized-series';
export { deriveFixedPart, type FixedPartRequest } from './fixed-part';
export {
  validateUploadedCodes,
  type AcceptedCode,
  type RejectedCode,
  type UploadValidation,
  type UploadValidationOptions,
} from './upload-validation';
export { fillRandom, randomBytes } from './random';
export {
  CHECK_GUESS_ODDS,
  checkFormatFor,
  createKeyedChecker,
  keyedCheck,
  verifyKeyedCheck,
  type CheckFormat,
  type CheckSubject,
  type KeyedChecker,
} from './keyed-check';
