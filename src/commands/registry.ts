// Every headless command registers itself here. Modules listed are light: they declare options and
// load their implementation lazily in the action, so `gentoo-wb --help` and the TUI start fast.
import type { Command } from 'commander';
import { register as registerCheck } from './check.js';

export type RegisterCommand = (program: Command) => void;

export const commandRegistrars: RegisterCommand[] = [];
commandRegistrars.push(registerCheck);
