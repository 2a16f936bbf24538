/** A problem in one event file, worded for the organiser who has to fix it (same shape as a config problem). */
export interface EventFileProblem {
  file: string;
  line?: number;
  field?: string;
  severity: 'error' | 'warning';
  message: string;
  /** What to write instead, when the message alone does not say it. */
  fix?: string;
}

/** A problem found while reading, before the file name is known to the helper that found it. */
export type Finding = Omit<EventFileProblem, 'file' | 'severity'>;

export function inFile(file: string, severity: EventFileProblem['severity'], finding: Finding): EventFileProblem {
  return { file, severity, ...finding };
}

/** One line that stands on its own (event.warnings are plain strings shown without their file). */
export function renderProblem(problem: EventFileProblem): string {
  const where = [problem.file + (problem.line ? `:${problem.line}` : ''), problem.field && `field \`${problem.field}\``]
    .filter(Boolean)
    .join(', ');
  return `${where}: ${problem.message}${problem.fix ? ` (fix: ${problem.fix})` : ''}`;
}
