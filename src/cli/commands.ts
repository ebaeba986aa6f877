/**
 * The registry of sub-commands, in the order `muwclass --help` lists them.
 *
 * @module
 */
import { averageCommand } from './average';
import type { Command } from './command';
import { convertCommand } from './convert';
import { matchCommand } from './match';

export const COMMANDS: readonly Command[] = [averageCommand, matchCommand, convertCommand];
