import type { Format, Reporter } from './types.js';
import { formatText } from './text.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';

export type { Format, Reporter, ReporterContext } from './types.js';
export { FORMATS } from './types.js';
export { formatText, formatJson, formatSarif, formatJunit, formatMarkdown };

export const reporters: Record<Format, Reporter> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
  markdown: formatMarkdown,
};
