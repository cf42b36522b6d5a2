-- Full-text index of the streets (FTS5), filled by the data build; rowid = streets.id.
-- Contentless: the text lives in `streets`; the index only answers which rowids match.
-- Column `name`: street words (see streetIndexTerms); `place`: town words and postcodes.
-- detail=column is enough for column filters ({name} : ...) and keeps the index small;
-- prefix indexes of 2-4 letters make prefix queries while typing one lookup each.
CREATE VIRTUAL TABLE `street_search` USING fts5(
  `name`,
  `place`,
  content = '',
  columnsize = 0,
  detail = column,
  prefix = '2 3 4',
  tokenize = 'unicode61 remove_diacritics 0'
);
--> statement-breakpoint
-- The distinct words of the index, read once per snapshot for spelling correction.
CREATE VIRTUAL TABLE `street_search_vocab` USING fts5vocab(`street_search`, 'row');
