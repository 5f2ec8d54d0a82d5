// A cell's text → a field's value: the reader's parsers (./values/), under the names the rows use.
export {
  cellText,
  parseBirthdayCell as birthdayCell,
  parseDateCell as dateCell,
  parseEmailCell as emailCell,
  parseGradeCell as gradeCell,
  parseKindCell as kindCell,
  parsePhoneCell as phoneCell,
  parseSizeCell as sizeCell,
  parseStageCell as stageCell,
  parseTagsCell as tagsCell,
  parseWebsiteCell as websiteCell,
  type Birthday,
  type CellResult as Cell,
  type RawCell,
} from './values/index.ts';
