/**
 * The registry of sub-commands, in the order `muwclass --help` lists them.
 *
 * @module
 */
import { averageCommand } from './average';
import type { Command } from './command';

export const COMMANDS: readonly Command[] = [averageCommand];
