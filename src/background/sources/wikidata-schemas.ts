import * as z from 'zod/mini';

/**
 * SPARQL 1.1 Query Results JSON (application/sparql-results+json), as query.wikidata.org answers.
 * Each binding maps a variable to a term; variables an OPTIONAL left unbound are absent.
 */
const term = z.looseObject({
  type: z.string(),
  value: z.string(),
  'xml:lang': z.optional(z.string()),
  datatype: z.optional(z.string()),
});

export const sparqlResultsSchema = z.looseObject({
  head: z.looseObject({ vars: z.array(z.string()) }),
  results: z.looseObject({ bindings: z.array(z.record(z.string(), term)) }),
});

export type SparqlResults = z.infer<typeof sparqlResultsSchema>;

/** One row per binding: each bound variable to its value (IRIs, literals and blank nodes alike). */
export function sparqlRows(results: SparqlResults): Array<Record<string, string>> {
  return results.results.bindings.map((binding) => Object.fromEntries(Object.entries(binding).map(([name, value]) => [name, value.value])));
}
