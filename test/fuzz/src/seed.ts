/** The seed `npm run fuzz` and the slices in `npm test` use unless told otherwise. */
export const DEFAULT_SEED = 24301;
