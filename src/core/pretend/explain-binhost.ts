// Binhost failures in Portage's output, said with the binhost's name and what failed. Portage 3.0.82
// prefixes its binhost messages with the binrepos.conf section (`!!! [name] HTTP Error 404: …`,
// portage/dbapi/bintree.py) and keeps a fetched package under /var/cache/binhost/<name>/, so the
// section names the binhost; the plan knows which recipe source each section is.
import { unpackRefusal } from '../plan/binary-fallback.js';
import { binhostLabel } from '../recipe/binhost-sources.js';
import type { BinhostSource } from '../recipe/recipe-schema.js';
import type { ProblemExplanation } from './problem-explanation.js';

/** A binrepos.conf section of the plan and the recipe source it came from. */
export interface PlanBinhostRef {
  section: string;
  url: string;
  source: BinhostSource;
}

export type BinhostFailureKind = 'unreachable' | 'no-index' | 'bad-index' | 'checksum' | 'signature' | 'no-binary';

export interface BinhostFailure {
  kind: BinhostFailureKind;
  /** The section, or null when Portage did not say which binhost (a package no binhost has). */
  section: string | null;
  /** What failed, in words. */
  detail: string;
  /** The package concerned, when there is one. */
  subject: string | null;
  /** Portage's own lines. */
  lines: string[];
  /** A refused binary the build's fallback compiles from source under onMissing `compile`. */
  compiledInstead?: boolean;
}

const ESCAPES = /\x1b\[[0-9;]*[A-Za-z]/g;

/** Portage's (urllib's) words for a failed fetch, said as what the binhost did; `kind` sorts it. */
export function fetchErrorDetail(error: string): { kind: BinhostFailureKind; detail: string } {
  if (/HTTP Error 404/.test(error)) return { kind: 'no-index', detail: 'answers 404: it has no package index (Packages) at that address' };
  const http = /HTTP Error (\d+)(?::\s*(.*))?/.exec(error);
  if (http) return { kind: 'unreachable', detail: `answers HTTP ${http[1]}${http[2] ? ` (${http[2]})` : ''}` };
  if (/Connection refused/i.test(error)) return { kind: 'unreachable', detail: 'does not answer: nothing listens at that address (connection refused)' };
  if (/Name or service not known|Temporary failure in name resolution|No address associated|nodename nor servname/i.test(error)) return { kind: 'unreachable', detail: 'does not answer: its host name does not resolve (offline, or a name only another network knows)' };
  if (/timed out/i.test(error)) return { kind: 'unreachable', detail: 'does not answer: the connection timed out' };
  if (/Network is unreachable|No route to host/i.test(error)) return { kind: 'unreachable', detail: 'does not answer: no route to it (no network in the container, or offline)' };
  if (/CERTIFICATE_VERIFY_FAILED|SSL/i.test(error)) return { kind: 'unreachable', detail: `refused its TLS connection (${error})` };
  return { kind: 'unreachable', detail: `could not be read: ${error}` };
}

function sectionOfPath(path: string): string | null {
  return /\/var\/cache\/binhost\/([^/]+)\//.exec(path)?.[1] ?? null;
}

function packageOfPath(path: string): string | null {
  const m = /\/binhost\/[^/]+\/([^/]+)\/[^/]+\/([^/]+?)(?:\.gpkg\.tar|\.tbz2|\.xpak)/.exec(path);
  return m ? `${m[1]}/${m[2]!.replace(/-\d+$/, '')}` : null;
}

// A build's output.log keeps the engine's timestamp in front of each line.
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z /;

/** Every binhost failure Portage reported in `text` (emerge's output, or a build's output.log), in order, one per binhost and package. */
export function binhostFailures(text: string): BinhostFailure[] {
  const lines = text.replace(ESCAPES, '').split(/\r?\n/).map((l) => l.replace(TIMESTAMP, ''));
  const out: BinhostFailure[] = [];
  const seen = new Set<string>();
  const add = (f: BinhostFailure) => {
    const key = `${f.kind}\0${f.section}\0${f.subject}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(f);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    // "!!! [name] Error fetching binhost package info from 'URL'" then "!!! [name] <error>"; or the error alone.
    const tagged = /^!!! \[([^\]]+)\] (.*)$/.exec(line);
    if (tagged) {
      const [, section, message] = tagged as unknown as [string, string, string];
      if (/^Error fetching binhost package info/.test(message)) continue;
      if (/has no TIMESTAMP field|index version is not supported/.test(message)) {
        add({ kind: 'bad-index', section, detail: `serves a package index Portage cannot use (${message.replace(/\s+/g, ' ')})`, subject: null, lines: [line] });
      } else if (!/Timed out while closing/.test(message)) {
        add({ section, subject: null, lines: [line], ...fetchErrorDetail(message) });
      }
      continue;
    }
    if (line === '!!! Digest verification failed:') {
      const path = (lines[i + 1] ?? '').replace(/^!!!\s*/, '').trim();
      const reason = (lines[i + 2] ?? '').replace(/^!!!\s*Reason:\s*/, '').trim();
      const section = sectionOfPath(path);
      if (section) add({ kind: 'checksum', compiledInstead: true, section, detail: `served a package that fails its checksum (${reason || 'digest mismatch'}): a corrupted or replaced file`, subject: packageOfPath(path), lines: lines.slice(i, i + 5).map((l) => l.trim()) });
      continue;
    }
    const extracting = /^!!! Error extracting '([^']+)', (.*)$/.exec(line);
    if (extracting) {
      const [, path, reason] = extracting as unknown as [string, string, string];
      const section = sectionOfPath(path);
      if (!section) continue;
      const gpg = /gpg|GnuPG|signature|Manifest not found/i.test(reason);
      add({
        kind: gpg ? 'signature' : 'checksum', section, subject: packageOfPath(path), lines: [line], compiledInstead: unpackRefusal(reason) !== null,
        detail: gpg ? `served a package whose signature could not be verified (${reason})` : `served a package that cannot be unpacked (${reason})`,
      });
      continue;
    }
    const missing = /^emerge: there are no binary packages to satisfy "([^"]+)"/.exec(line);
    if (missing) add({ kind: 'no-binary', section: null, subject: missing[1]!, detail: `no binhost has a usable binary package of ${missing[1]}`, lines: [line] });
  }
  return out;
}

function nameOf(section: string | null, hosts: readonly PlanBinhostRef[]): string {
  const host = hosts.find((h) => h.section === section);
  if (host) return `${binhostLabel(host.source)}${host.source.kind === 'url' ? '' : ` (${host.url})`}`;
  return section === null ? 'the binhosts' : `binhost [${section}]`;
}

/** A sentence naming the binhost and what failed (the build's failure summary and the pretend screen). */
export function binhostFailureLine(f: BinhostFailure, hosts: readonly PlanBinhostRef[]): string {
  if (f.kind === 'no-binary') return `${f.detail}${hosts.length > 0 ? ` (${hosts.map((h) => nameOf(h.section, hosts)).join(', ')})` : ''}`;
  return `${nameOf(f.section, hosts)} ${f.detail}${f.subject ? ` — ${f.subject}` : ''}`;
}

/**
 * Binhost failures as pretend problems. With onMissing `compile` an unreachable binhost is a warning
 * (Portage compiles instead); with `fail` (`--getbinpkgonly`) nothing compiles, so it is an error.
 */
export function explainBinhostFailures(text: string, hosts: readonly PlanBinhostRef[], onMissing: 'compile' | 'fail'): ProblemExplanation[] {
  return binhostFailures(text).map((f) => {
    // With `compile`, a binary refused for its checksum or signature is compiled instead by the build's
    // fallback (core/plan/binary-fallback); a refusal it leaves (no gpg in the base) stops the build.
    const fatal = onMissing === 'fail' || ((f.kind === 'checksum' || f.kind === 'signature') && f.compiledInstead !== true);
    const fix = f.kind === 'no-binary'
      ? 'publish it to the binhost (build it once with the binary package cache on), or allow compiling (binaries: onMissing "compile")'
      : f.kind === 'unreachable' || f.kind === 'no-index'
        ? 'check the URL and that the binhost is up (gentoo-wb binhost status), or remove it from the recipe'
        : 'rebuild or re-sign the package on the binhost (emaint binhost --fix refreshes its index), or remove the binhost from the recipe';
    const then = fatal
      ? ' The recipe allows binary packages only, so the build stops.'
      : f.compiledInstead === true
        ? ' The build compiles that package from source instead (binaries: onMissing "compile").'
        : ' Portage compiles what it cannot fetch.';
    return { kind: 'other', severity: fatal ? 'error' : 'warning', title: binhostFailureLine(f, hosts), text: `${binhostFailureLine(f, hosts)}.${then}`, fix, portageLines: f.lines };
  });
}
