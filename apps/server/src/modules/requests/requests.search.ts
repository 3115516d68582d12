/**
 * Free-text search over requests that behaves the same on every PostgreSQL, whatever its locale
 * (docs/decisions: Chinese search with application n-grams). pg_trgm and `ilike` depend on the
 * server's locale (on a `C` cluster pg_trgm sees no CJK words at all), so the words are cut here:
 *
 * - `search_text` is the searchable fields, normalised (NFKC, lower case) and joined by newlines;
 * - `search_tokens` is every character unigram and bigram of its word runs (letters and digits),
 *   plus one scope token naming the estate (`@e:<id>`), indexed with GIN.
 *
 * A query term matches when the row's tokens contain the term's bigrams (`@>`, the index) and the
 * term is a substring of `search_text` (`strpos`, exact). Both compare bytes, so the answer never
 * depends on collation or ctype. An estate-scoped search asks for the scope token too, so the GIN
 * scan itself keeps to the estate's rows: its cost grows with the estate, not with the whole table
 * (PostgreSQL estimates `@>` of several correlated bigrams as almost nothing and would otherwise
 * fetch every match of the company before filtering by estate).
 */

/** The fields a request is found by (a change to any of them must recompute the document). */
export interface SearchableFields {
  estateId: string;
  description: string;
  reporterName?: string | null;
  locationText?: string | null;
}

export interface SearchDocument {
  searchText: string;
  searchTokens: string[];
}

/** Most query tokens sent to the index: enough to be selective, few enough to keep GIN quick. */
const MAX_QUERY_TOKENS = 24;
const WORD_RUN = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * The token naming a request's estate. It cannot collide with an n-gram: those are one or two letters
 * or digits, this starts with `@`.
 */
export function scopeToken(estateId: string): string {
  return `@e:${estateId}`;
}

/** Full-width letters and digits become ASCII (ＡＢ１２ → ab12), then lower case. */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function wordRuns(normalized: string): string[][] {
  return (normalized.match(WORD_RUN) ?? []).map((run) => Array.from(run));
}

/** The stored form of a request's searchable fields. */
export function searchDocument(fields: SearchableFields): SearchDocument {
  const parts = [fields.description, fields.reporterName ?? '', fields.locationText ?? ''].map(
    normalizeForSearch,
  );
  const tokens = new Set<string>([scopeToken(fields.estateId)]);
  for (const part of parts) {
    for (const chars of wordRuns(part)) {
      for (let i = 0; i < chars.length; i++) {
        tokens.add(chars[i]!);
        if (i + 1 < chars.length) tokens.add(chars[i]! + chars[i + 1]!);
      }
    }
  }
  // Sorted so the same text always gives the same array (stable rows, easy to compare in tests).
  return { searchText: parts.join('\n'), searchTokens: [...tokens].sort() };
}

export interface TextQuery {
  /** Each must be a substring of search_text (AND). */
  terms: string[];
  /** A subset of the tokens every matching row has: the GIN filter. Empty when nothing is indexable. */
  tokens: string[];
}

/**
 * A query as typed (`楼上 漏水`) → its terms and the tokens a match must contain. A term's word runs
 * give their bigrams (a one-character run its unigram); every unigram of a longer run is inside one of
 * its bigrams, so bigrams alone filter as well and keep the index probe short.
 */
export function textQuery(q: string): TextQuery {
  const terms = [...new Set(normalizeForSearch(q).split(/\s+/u).filter(Boolean))];
  const tokens = new Set<string>();
  for (const term of terms) {
    for (const chars of wordRuns(term)) {
      if (chars.length === 1) tokens.add(chars[0]!);
      for (let i = 0; i + 1 < chars.length; i++) tokens.add(chars[i]! + chars[i + 1]!);
    }
  }
  const all = [...tokens];
  if (all.length <= MAX_QUERY_TOKENS) return { terms, tokens: all };
  // A long query: spread the probe over the whole text; the substring check does the rest.
  const step = all.length / MAX_QUERY_TOKENS;
  return { terms, tokens: Array.from({ length: MAX_QUERY_TOKENS }, (_, i) => all[Math.floor(i * step)]!) };
}
