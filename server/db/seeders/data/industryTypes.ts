import type { PilotKey } from './departments';

/** One industry category (行业类别) of a pilot department's library. */
export interface IndustryCategorySpec {
  code: string;
  name: string;
  /** Hand-written indicator lines, `name|comparator|unit|dimension[|reference value]` (see commonLibrary.ts). */
  indicators: string;
  /** Work items for the templated indicators ("{task}完成率", "{task}按时完成率", "{task}成本控制率" …). */
  tasks: readonly string[];
  /** Service objects for the templated satisfaction indicators ("{people}满意度"). */
  people: readonly string[];
}

/** A pilot department's industry library: the department code, how many indicators, and its categories. */
export interface IndustryLibrarySpec {
  pilot: PilotKey;
  departmentCode: string;
  /** Two-digit library number used in category and indicator codes (HY + library + category + sequence). */
  number: string;
  total: number;
  dataSource: string;
  categories: readonly IndustryCategorySpec[];
}
