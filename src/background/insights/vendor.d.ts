/** The parts of the `sentiment` package Earshot reads (it ships no types). */
declare module 'sentiment/languages/en/index.js' {
  /** AFINN-165: word or phrase → valence, −5…5. */
  const english: { labels: Record<string, number> };
  export default english;
}
