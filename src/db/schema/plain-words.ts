// Plain words (issue 24, P1, P2). Joined into Database in ../schema.ts.

/** An organisation that has changed its jargon list: from then on its rows are the whole list. */
export interface PlainWordListsTable {
  organisation_id: string;
  started_at: string;
}

/** A word to avoid in what members read, with the plain word to use instead. */
export interface PlainWordJargonTable {
  id: string;
  organisation_id: string;
  word: string;
  word_key: string;
  plain: string;
  created_at: string;
}

export interface PlainWordsTables {
  plain_word_lists: PlainWordListsTable;
  plain_word_jargon: PlainWordJargonTable;
}
