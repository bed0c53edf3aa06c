// Line shapes for comparing the stand-in's output with real Portage transcripts: names,
// versions, numbers, paths and flag lists become placeholders, while brackets, spacing and
// the fixed words stay. Lines that are not one of Portage's own formats (build output,
// blank lines, prose) have no shape and are not compared.
import { stripAnsi } from './host-standin.js';

const CPV = String.raw`[A-Za-z0-9_][A-Za-z0-9+_.-]*\/[A-Za-z0-9_][A-Za-z0-9+_-]*?-\d+(?:\.\d+)*[a-z]?(?:_(?:alpha|beta|pre|rc|p)\d*)*(?:-r\d+)?(?:-\d+)?`;
const CP = String.raw`[A-Za-z0-9_][A-Za-z0-9+_.-]*\/[A-Za-z0-9_][A-Za-z0-9+_-]*`;
const cpvRe = new RegExp(CPV, 'g');
const cpRe = new RegExp(CP, 'g');

function names(text: string): string {
  return text.replace(cpvRe, '<cpv>').replace(cpRe, '<cp>');
}

function mergeListShape(line: string): string | null {
  const m = /^\[(ebuild|binary|nomerge|uninstall|blocks)([^\]]*)\] ( *)(.*)$/.exec(line);
  if (!m) return null;
  const [, type, attrs, indent, rest] = m as unknown as [string, string, string, string, string];
  const head = `[${type}${attrs}] ${indent ? '<indent>' : ''}`;
  if (type === 'blocks') return head + rest.replace(/^(\S+) \("([^"]+)" is (hard|soft) blocking (.+)\)$/, '<atom> ("<atom>" is $3 blocking <cpv>)');
  const pm = /^(\S+?)(:[^:\s]+)?(::\S+)?( .*)?$/.exec(rest);
  if (!pm) return `${head}<?>`;
  let tail = pm[4] ?? '';
  tail = tail.replace(/^ \[[^\]]+\]/, ' [<old>]').replace(/ to \/\S*\//, ' to <root>');
  tail = tail.replace(/(\b[A-Z][A-Z0-9_]*)="[^"]*"/g, (_, name: string) => (name === 'USE' ? 'USE="<flags>"' : '<EXPAND>="<flags>"'));
  tail = tail.replace(/(<EXPAND>="<flags>" )+/g, '<EXPAND>="<flags>" ').replace(/\d+ KiB$/, '<n> KiB');
  return `${head}<cpv>${pm[2] ? ':<slot>' : ''}${pm[3] ? '::<repo>' : ''}${tail}`;
}

function jobsShape(line: string): string | null {
  if (!line.startsWith('>>> Jobs: ')) return null;
  const col = line.indexOf('Load avg:');
  const left = line.slice(0, col);
  return `>>> Jobs: <state>${/ $/.test(left) ? `<pad to ${col}>` : '<no pad>'}Load avg: <load>`;
}

const FAMILIES: Array<[RegExp, (m: RegExpExecArray, line: string) => string]> = [
  [/^These are the packages that would be (merged|fetched), in (reverse )?order:$/, (_, l) => l],
  [/^Calculating dependencies \.\.\.( done!)?$/, (_, l) => l],
  [/^ done!$/, (_, l) => l],
  [/^Dependency resolution took \d+\.\d\d s \(backtrack: \d+\/\d+\)\.$/, () => 'Dependency resolution took N s (backtrack: N/N).'],
  // The counted kinds depend on the scenario's data; totalDetails() checks them on their own.
  [/^Total: \d+ packages?( \(.*\))?, Size of downloads: \d+ KiB$/, (m) => `Total: N package(s)${m[1] ? ' (<details>)' : ''}, Size of downloads: N KiB`],
  [/^(Conflict|Fetch Restriction): /, (_, l) => l.replace(/\d+/g, 'N').replace(/blocks?|packages?/g, (w) => w.replace(/s$/, ''))],
  [/^>>> (Emerging(?: binary)?|Installing|Completed) \(\d+ of \d+\) (\S+?)::(\S+)(?: (?:for|to) \S+)?$/, (m, l) => `>>> ${m[1]} (N of N) <cpv>::<repo>${/ (for|to) \S+$/.test(l) ? ' <to root>' : ''}`],
  [/^>>> Failed to emerge (\S+), Log file:$/, () => '>>> Failed to emerge <cpv>, Log file:'],
  [/^>>> {2}'\/var\/tmp\/portage\/.*\/temp\/build\.log'$/, () => ">>>  '<build.log>'"],
  [/^>>> Recording \S+ in "world" favorites file\.\.\.$/, () => '>>> Recording <cp> in "world" favorites file...'],
  [/^>>> (Verifying ebuild manifests|Unpacking source\.\.\.|Source prepared\.|Source configured\.|Source compiled\.|Extracting info|Creating binpkg|Done\.)$/, (_, l) => l],
  [/^ \* Messages for package (\S+)( merged to \S+)?:$/, (m) => ` * Messages for package <cpv>${m[2] ? ' merged to <root>' : ''}:`],
  [/^ \* (Package|Repository|Maintainer|USE|FEATURES):(\s+)/, (m) => ` * ${m[1]}:${m[2]}<value>`],
  [/^ \* (ERROR: \S+ failed \((\w+) phase\):|The complete build log is located at '.*'\.|emerge --keep-going: .*)$/, (_, l) => names(l).replace(/'[^']*'/g, "'<path>'")],
  [/^ \* The following (?:\d+ )?packages? ha(?:s|ve) failed to build, install, or execute( postinst:)?$/, (_, l) => l.replace(/\d+/g, 'N')],
  [/^ \* IMPORTANT: \d+ news items need reading for repository '\w+'\.$/, () => " * IMPORTANT: N news items need reading for repository '<repo>'."],
  [/^The following (keyword|mask|USE|license) changes are necessary to proceed:$/, (_, l) => l],
  [/^ \(see "package\.\w+" in the portage\(5\) man page for more details\)$/, (_, l) => l],
  [/^# required by /, (_, l) => names(l).replace(/<cpv>::\S+/, '<cpv>::<repo>').replace(/\[[^\]]*\]$/, '[<flags>]').replace(/ \S+ \(argument\)$/, ' <arg> (argument)')],
  [/^[<>=~]*[A-Za-z0-9_][^\s/]*\/\S+ (~amd64|\*\*|[A-Za-z0-9 _.+-]+)$/, (m, l) => (m[1] === '~amd64' ? `${names(l.split(' ')[0] ?? '')} ~amd64` : `${l.split(' ')[0]?.replace(/^([<>=~]*).*/, '$1')}<cpv> <changes>`)],
  [/^!!! All ebuilds that could satisfy "[^"]+" have been masked\.$/, () => '!!! All ebuilds that could satisfy "<atom>" have been masked.'],
  [/^- (\S+)::(\S+) \(masked by: (.*)\)$/, (m) => `- <cpv>::<repo> (masked by: ${m[3]?.replace(/\S+ license\(s\)/, '<license> license(s)')})`],
  [/^emerge: there are no ebuilds (built with USE flags )?to satisfy "[^"]+"( for \S+)?\.$/, (m) => `emerge: there are no ebuilds ${m[1] ?? ''}to satisfy "<atom>".`],
  [/^emerge: Maybe you meant (any of these: )?.*\?$/, (m) => `emerge: Maybe you meant ${m[1] ?? ''}<names>?`],
  [/^!!! The ebuild selected to satisfy "[^"]+" has unmet requirements\.$/, () => '!!! The ebuild selected to satisfy "<atom>" has unmet requirements.'],
  [/^!!! Problem resolving dependencies for \S+$/, () => '!!! Problem resolving dependencies for <atom>'],
  [/^ {2}\(\S+, (ebuild|binary) scheduled for merge\)( pulled in by| causes rebuilds for:)$/, (m) => `  (<pkg>, ${m[1]} scheduled for merge)${m[2]}`],
  [/^(>>> Unmerging \(\d+ of \d+\) \S+\.\.\.|<<< {10}(obj|sym|dir) \S+|--- !empty {3}dir \S+|All selected packages: .*| {4}selected: .*)$/, (_, l) => names(l).replace(/\d+/g, 'N').replace(/\/\S+/g, '<path>').replace(/selected: .*/, 'selected: <versions> ')],
  [/^(Packages installed|Packages in world|Packages in system|Required packages|Number to remove|Number removed): +\d+$/, (_, l) => l.replace(/\d+/, 'N')],
  [/^emerge: There are no sets to satisfy '[^']+'\. The following sets exist:$/, () => "emerge: There are no sets to satisfy '<set>'. The following sets exist:"],
  [/^!!! '.*' is not a valid package atom\.$/, () => "!!! '<text>' is not a valid package atom."],
  [/^!!! Please check ebuild\(5\) for full details\.$/, (_, l) => l],
  [/^>>> Syncing repository '\w+' into '\S+'\.\.\.$/, () => ">>> Syncing repository '<repo>' into '<path>'..."],
  [/^(>>> Starting rsync with \S+\.\.\.|>>> Checking server timestamp \.\.\.|>>> Retrying\.\.\.|!!! getaddrinfo failed for .*|!!! Exhausted addresses for \S+|rsync error: .*)$/, (_, l) => l],
  [/^Action: sync for repo: \w+, returned code = \d+$/, () => 'Action: sync for repo: <repo>, returned code = N'],
  [/^Portage \d+\.\d+\.\d+ \(python \S+, \S+, \S+, \S+, \S+ \S+\)$/, () => 'Portage <version> (python <v>, <profile>, <gcc>, <libc>, <kernel> <arch>)'],
];

/** The shape of an output line, or null when the line is not compared. */
export function shapeOf(raw: string): string | null {
  const line = stripAnsi(raw).replace(/\r$/, '');
  if (line.trim() === '') return null;
  const merge = mergeListShape(line);
  if (merge) return merge;
  const jobs = jobsShape(line);
  if (jobs) return jobs;
  for (const [re, f] of FAMILIES) {
    const m = re.exec(line);
    if (m) return f(m, line);
  }
  return null;
}

/** The shape of an emerge.log record, or null. */
export function emergeLogShape(raw: string): string | null {
  const m = /^(\d+): (.*)$/.exec(raw);
  if (!m) return null;
  const msg = m[2] ?? '';
  const rules: Array<[RegExp, string]> = [
    [/^Started emerge on: [A-Z][a-z]{2} \d\d, \d{4} \d\d:\d\d:\d\d$/, 'Started emerge on: <date>'],
    [/^ \*\*\* emerge (.*)$/, ' *** emerge <options and arguments>'],
    [/^ >>> emerge \(\d+ of \d+\) \S+ to \S+$/, ' >>> emerge (N of N) <cpv> to <root>'],
    [/^ === \(\d+ of \d+\) (Cleaning|Compiling\/Merging|Compiling\/Packaging|Merging|Merging Binary|Post-Build Cleaning) \(\S+::\S+\)$/, ' === (N of N) $1 (<cpv>::<path>)'],
    [/^ === \(\d+ of \d+\) Updating world file \(\S+\)$/, ' === (N of N) Updating world file (<cpv>)'],
    [/^ >>> AUTOCLEAN: \S+:\S+$/, ' >>> AUTOCLEAN: <cp>:<slot>'],
    [/^ ::: completed emerge \(\d+ of \d+\) \S+ to \S+$/, ' ::: completed emerge (N of N) <cpv> to <root>'],
    [/^ \*\*\* (Finished\. Cleaning up\.\.\.|exiting successfully\.|terminating\.|Resuming merge\.\.\.)$/, ' *** $1'],
    [/^ \*\*\* exiting unsuccessfully with status '\d+'\.$/, " *** exiting unsuccessfully with status 'N'."],
    [/^=== Unmerging\.\.\. \(\S+\)$/, '=== Unmerging... (<cpv>)'],
    [/^ >>> unmerge success: \S+$/, ' >>> unmerge success: <cpv>'],
  ];
  for (const [re, shape] of rules) if (re.test(msg)) return `<ts>: ${msg.replace(re, shape)}`;
  return `<ts>: <unknown> ${msg}`;
}

/** The counted kinds of every Total line ("upgrades", "new", …), singular. */
export function totalDetails(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of stripAnsi(text).split('\n')) {
    const m = /^Total: \d+ packages? \((.*)\), Size of downloads/.exec(line);
    for (const d of m?.[1]?.split(', ') ?? []) out.add(d.replace(/^\d+ /, '').replace(/ies$/, 'y').replace(/s$/, ''));
  }
  return out;
}

/** Shapes of every line that has one. */
export function shapes(text: string, shape: (line: string) => string | null = shapeOf): Set<string> {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    const s = shape(line);
    if (s) out.add(s);
  }
  return out;
}

/** The rig transcript's captured output (the .txt file). */
export function rigShapes(text: string, shape: (line: string) => string | null = shapeOf): Set<string> {
  return shapes(text, shape);
}
