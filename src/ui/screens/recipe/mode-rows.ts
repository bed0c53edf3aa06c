// The Mode tab's rows: the build mode, then the options of that mode.
import { formatCommaList, parseCommaList, splitWords } from '../../../core/recipe/recipe-fields.js';
import { withModeKind } from '../../../core/recipe/recipe-edit.js';
import { BUILD_MODES, type BuildMode, type Recipe } from '../../../core/recipe/recipe-schema.js';
import { ok, type FormRow } from './form-rows.js';

const MODE_NOTES: Record<BuildMode['kind'], string> = {
  commit: 'emerge into a container from the base, then commit it as the image',
  scratch: 'ROOT=/destination emerge; the image holds only /destination (FROM scratch)',
  stage4: 'rebuild @world for this CPU (-march), then commit',
  minimal: 'USE="-*" plus what you keep, trimmed locales, system packages provided away, one layer',
};

const STRIP_LABELS: Record<string, string> = {
  docs: 'docs', man: 'man pages', info: 'info pages', headers: 'headers', staticLibs: 'static libs', pkgconfig: 'pkg-config files',
  locales: 'locales', packageDb: 'package db', portageState: 'Portage state',
};

function words(recipe: Recipe, mode: (list: string[]) => BuildMode) {
  return (text: string) => {
    const parsed = splitWords(text);
    return parsed.ok ? ok({ ...recipe, mode: mode(parsed.value) }) : parsed;
  };
}

/** Rows for the mode and its options. */
export function modeRows(recipe: Recipe): FormRow[] {
  const m = recipe.mode;
  const next = BUILD_MODES[(BUILD_MODES.indexOf(m.kind) + 1) % BUILD_MODES.length]!;
  const rows: FormRow[] = [
    { kind: 'toggle', id: 'kind', label: 'mode', value: BUILD_MODES.map((k) => (k === m.kind ? `[${k}]` : k)).join(' '), note: `${MODE_NOTES[m.kind]} · Space: ${next}`, toggle: () => withModeKind(recipe, next) },
  ];
  if (m.kind === 'commit') rows.push({ kind: 'info', id: 'none', label: 'options', value: 'none: the image config is on the Image tab' });
  if (m.kind === 'scratch') {
    for (const [key, on] of Object.entries(m.strip)) {
      rows.push({
        kind: 'toggle', id: `strip:${key}`, label: `strip ${STRIP_LABELS[key] ?? key}`, value: on ? 'yes' : 'no',
        note: 'removed from /destination before the image is made',
        toggle: () => ({ ...recipe, mode: { ...m, strip: { ...m.strip, [key]: !on } } }),
      });
    }
    rows.push({
      kind: 'text', id: 'unmerge', label: 'unmerge', value: m.unmerge.join(' ') || '(none)', field: 'mode.unmerge', initial: m.unmerge.join(' '),
      hint: 'atoms removed from ROOT after the build, e.g. sys-apps/portage', note: 'forced out of the image even though others depend on them',
      apply: words(recipe, (list) => ({ ...m, unmerge: list })),
    });
  }
  if (m.kind === 'stage4') {
    rows.push({
      kind: 'text', id: 'march', label: '-march', value: m.march, field: 'mode.march', initial: m.march, hint: 'native, x86-64-v2, x86-64-v3, znver3 …',
      note: 'native: this CPU only; a named level runs on every CPU that has it',
      apply: (text) => ok({ ...recipe, mode: { ...m, march: text.trim() } }),
    });
    rows.push({ kind: 'toggle', id: 'optimize', label: 'optimise', value: m.optimize, note: '-O2 (speed) or -Os (size)', toggle: () => ({ ...recipe, mode: { ...m, optimize: m.optimize === '-O2' ? '-Os' : '-O2' } }) });
    rows.push({ kind: 'toggle', id: 'passes', label: 'passes', value: String(m.passes), note: 'a second emerge --emptytree @world builds everything with the new toolchain', toggle: () => ({ ...recipe, mode: { ...m, passes: m.passes === 1 ? 2 : 1 } }) });
    rows.push({
      kind: 'toggle', id: 'ptrace', label: 'allow ptrace', value: m.allowPtrace ? 'yes (SYS_PTRACE)' : 'no', warn: m.allowPtrace,
      note: m.allowPtrace ? 'WARNING: the build container gets SYS_PTRACE (can trace every process in it); only the C library rebuild needs it' : 'the C library rebuild needs SYS_PTRACE; without it that step fails',
      toggle: () => ({ ...recipe, mode: { ...m, allowPtrace: !m.allowPtrace } }),
    });
  }
  if (m.kind === 'minimal') {
    rows.push({
      kind: 'text', id: 'keepUse', label: 'keep USE', value: m.keepUse.join(' ') || '(none)', field: 'mode.keepUse', initial: m.keepUse.join(' '), hint: 'flags kept on top of USE="-*", e.g. ssl threads',
      note: 'everything else is off', apply: words(recipe, (list) => ({ ...m, keepUse: list })),
    });
    rows.push({
      kind: 'text', id: 'locales', label: 'locales', value: formatCommaList(m.locales) || '(none)', field: 'mode.locales', initial: formatCommaList(m.locales), hint: 'locale.gen lines, comma-separated: en_US.UTF-8 UTF-8, C.UTF-8 UTF-8',
      note: 'written to /etc/locale.gen; the rest are removed', apply: (text) => ok({ ...recipe, mode: { ...m, locales: parseCommaList(text) } }),
    });
    rows.push({
      kind: 'text', id: 'removeSystem', label: 'provide away', value: m.removeSystem.join(' ') || '(none)', field: 'mode.removeSystem', initial: m.removeSystem.join(' '), hint: 'system atoms not wanted, e.g. sys-apps/man-db',
      note: 'listed in /etc/portage/profile/packages so @system does not pull them', apply: words(recipe, (list) => ({ ...m, removeSystem: list })),
    });
  }
  return rows;
}

