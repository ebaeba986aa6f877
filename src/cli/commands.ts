/**
 * The registry of sub-commands, in the order `muwclass --help` lists them.
 *
 * @module
 */
import { averageCommand } from './average';
import { classifyCommand } from './classify';
import type { Command } from './command';
import { convertCommand } from './convert';
import { evaluateCommand } from './evaluate';
import { fieldCommand } from './field';
import { matchCommand } from './match';
import { mergeCommand } from './merge';
import { runShardCommand } from './run-shard';
import { slurmCommand } from './slurm';

export const COMMANDS: readonly Command[] = [fieldCommand, averageCommand, matchCommand, classifyCommand, runShardCommand, mergeCommand, slurmCommand, evaluateCommand, convertCommand];
