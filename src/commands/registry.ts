// Every headless command registers itself here. Modules listed are light: they declare options and
// load their implementation lazily in the action, so `gentoo-wb --help` and the TUI start fast.
import type { Command } from 'commander';
import type { CommandContext } from './command-context.js';
import { register as registerCheck } from './check.js';
import { register as registerEndpoint } from './endpoint.js';
import { register as registerImages } from './images.js';
import { register as registerImport } from './import.js';
import { register as registerTag } from './tag.js';
import { register as registerExport } from './export.js';
import { register as registerInspect } from './inspect.js';
import { register as registerClean } from './clean.js';
import { register as registerBuild } from './build.js';
import { register as registerRecipe } from './recipe.js';
import { register as registerPretend } from './pretend.js';
import { register as registerBinhost } from './binhost.js';
import { register as registerEngines } from './engines.js';
import { register as registerCopy } from './copy.js';

export type RegisterCommand = (program: Command, context: CommandContext) => void;

export const commandRegistrars: RegisterCommand[] = [];
commandRegistrars.push(registerCheck);
commandRegistrars.push(registerEndpoint);
commandRegistrars.push(registerImages);
commandRegistrars.push(registerImport);
commandRegistrars.push(registerTag);
commandRegistrars.push(registerExport);
commandRegistrars.push(registerInspect);
commandRegistrars.push(registerClean);
commandRegistrars.push(registerBuild);
commandRegistrars.push(registerPretend);
commandRegistrars.push(registerRecipe);
commandRegistrars.push(registerBinhost);
commandRegistrars.push(registerEngines);
commandRegistrars.push(registerCopy);
