// What a build record's extras say that a person looking at the image should know: the CPU a stage4
// image needs, how much flattening saved, what the ROOT check looked at.
function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** One line per fact in `extras`; unknown or malformed entries are skipped. */
export function buildNotes(extras: unknown): string[] {
  if (!isObject(extras)) return [];
  const notes: string[] = [];
  const cpu = extras.cpu;
  if (isObject(cpu) && typeof cpu.warning === 'string') {
    const flags = Array.isArray(cpu.flags) && cpu.flags.length > 0 ? ` (flags: ${cpu.flags.slice(0, 12).join(' ')}${cpu.flags.length > 12 ? ' …' : ''})` : '';
    notes.push(`CPU: ${cpu.warning}${flags}`);
  }
  const sizes = extras.sizes;
  if (isObject(sizes) && typeof sizes.before === 'number' && typeof sizes.after === 'number' && sizes.before > 0) {
    const saved = 1 - sizes.after / sizes.before;
    notes.push(`Size: ${mb(sizes.before)} before trimming and flattening, ${mb(sizes.after)} after (${(saved * 100).toFixed(0)} % less)`);
  }
  const root = extras.rootCheck;
  if (isObject(root) && Array.isArray(root.missing)) {
    notes.push(
      root.missing.length === 0
        ? `ROOT check: every ELF file found its libraries${typeof root.files === 'number' ? ` (${root.files} files scanned)` : ''}`
        : `ROOT check: ${root.missing.length} missing librar${root.missing.length === 1 ? 'y' : 'ies'}`,
    );
  }
  return notes;
}
