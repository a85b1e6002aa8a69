import { blueskySource } from './bluesky';
import type { Source } from './source';

/** Every source, in the order their lookups start. */
export const ALL_SOURCES: readonly Source[] = [blueskySource];
