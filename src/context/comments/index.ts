export {
  type CommentInput,
  type CommentSet,
  type CommentValidationOptions,
  type CustomerComment,
  validateComments,
} from "./comments";
export {
  type CommentCell,
  type CommentDimensionFigure,
  type CommentPeak,
  type CommentThemesOptions,
  type CommentThemesResult,
  commentThemes,
} from "./commentThemes";
export { DEFAULT_LEXICON, NEGATIVE_WORDS, NEGATORS, POSITIVE_WORDS } from "./lexicon";
export { type CommentTags, type LexiconOptions, tagComment } from "./tagComment";
