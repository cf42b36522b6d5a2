/** Account verification: reading pasted profile URLs and handles, and the registry lookup. */
export {
  hasForeignCharacters,
  MAX_ACCOUNT_INPUT_LENGTH,
  parseAccountInput,
  registeredKeys,
  urlKeys,
  type AccountInputProblem,
  type AccountKey,
  type ParsedAccountInput,
} from './normalise';
export { isLookalike, skeleton, withinOneEdit } from './lookalike';
export { AccountRegistry, type AccountCheck, type CheckOptions, type RegisteredAccount } from './registry';
