'use strict';
/**
 * Loads compromise (`compromise/two`) when first asked, not when the background starts: compromise
 * unpacks its lexicon as its module is evaluated, about 250 ms that a service worker would pay at
 * every wake-up, posts to analyse or not. Plain CommonJS, so that require() exists wherever this
 * runs (Node, tsx, Vitest), and esbuild turns the require() into a module initialiser run on call.
 * Types: tagger.d.cts.
 */
exports.requireCompromise = function requireCompromise() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose, see above.
  const required = require('compromise/two');
  return required.default || required;
};
