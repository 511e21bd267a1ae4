/**
 * What every `icp-guard` subcommand shares: where its output goes, the environment it reads, and
 * how it fails. Commands never write to the process directly, so tests run them in-process and a
 * command's whole output is one value.
 */
import { InvalidArgumentError } from "commander";

/** A commander argument parser for a whole number in [min, max]. */
export function integer(min: number, max: number): (value: string) => number {
    return (value: string): number => {
        const parsed = Number(value);
        if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
        return parsed;
    };
}

export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

export interface CliResult {
    /** 0 nothing mandatory, 1 mandatory findings (or a registry contradicted), 2 bad input or usage. */
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

export interface CliIo {
    readonly env: NodeJS.ProcessEnv;
    /** Standard input, read whole (for `-` as the input file). */
    readonly readStdin?: () => Promise<string>;
    /** True when stdout is a terminal (colour, progress). */
    readonly isTTY?: boolean;
    /** The directory relative paths are resolved from. */
    readonly cwd?: string;
}

export class CliContext {
    private readonly outParts: string[] = [];
    private readonly errParts: string[] = [];
    code = 0;

    constructor(readonly io: CliIo) {}

    get env(): NodeJS.ProcessEnv {
        return this.io.env;
    }

    get cwd(): string {
        return this.io.cwd ?? process.cwd();
    }

    out(text: string): void {
        this.outParts.push(text);
    }

    err(text: string): void {
        this.errParts.push(text);
    }

    result(): CliResult {
        return { code: this.code, stdout: this.outParts.join(""), stderr: this.errParts.join("") };
    }
}
