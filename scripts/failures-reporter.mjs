// A second test reporter, beside TAP: at the very end of a run it names each failed test
// with its file and first lines of error. A CI log is often read only from its tail, and
// in 2,500 TAP results one "not ok" is otherwise lost.
export default async function* failuresReporter(source) {
  const failures = [];
  // The suites each test sits in, by file, so "(postgres)" or "(sqlite)" is named too.
  const open = new Map();
  for await (const event of source) {
    if (event.type === 'test:start') {
      const names = open.get(event.data.file) ?? [];
      names.length = event.data.nesting;
      names.push(event.data.name);
      open.set(event.data.file, names);
    }
    if (event.type !== 'test:fail') continue;
    const { name, nesting, file, details } = event.data;
    // A suite fails when a test in it fails; the test itself is the one worth naming.
    if (details?.type === 'suite' && details.error?.failureType === 'subtestsFailed') continue;
    const within = (open.get(file) ?? []).slice(0, nesting);
    failures.push({ name: [...within, name].join(' > '), file, error: details?.error });
  }
  if (failures.length === 0) return;
  yield `\n# ${failures.length} failed:\n`;
  for (const failure of failures) {
    const where = failure.file ? path(failure.file) : 'unknown file';
    yield `# - ${where}: ${failure.name}\n`;
    for (const line of describe(failure.error).split('\n').slice(0, 8)) yield `#     ${line}\n`;
  }
}

function path(file) {
  const cwd = process.cwd() + '/';
  return file.startsWith(cwd) ? file.slice(cwd.length) : file;
}

function describe(error) {
  if (!error) return '(no error given)';
  const cause = error.cause ?? error;
  return String(cause?.stack ?? cause?.message ?? cause);
}
