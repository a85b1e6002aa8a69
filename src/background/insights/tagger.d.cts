import type Compromise from 'compromise/two';

/** compromise's `nlp`, loaded on the first call (see tagger.cjs). */
export declare function requireCompromise(): typeof Compromise;
