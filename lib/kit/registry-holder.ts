/**
 * The registry a run reads, for front ends where it can change after start-up: the pack reads its
 * file at start, and Configure may then bring a registry in the policy config
 * (`icp-filing-registry`). The holder merges the two (lib/model/registry-sources.ts) and keeps the
 * problem of a broken config registry until the next Configure; `check()` throws it, so the pack
 * never analyses with a half-read registry.
 */
import { FilingRegistry, RegistryError, RegistryOptions } from "../model/registry";
import { registryFromConfig, registryFromSources } from "../model/registry-sources";
import { WaiverBook } from "../model/waivers";

export class RegistryHolder {
    private current: FilingRegistry;
    private book: WaiverBook;
    private problem: RegistryError | undefined;

    constructor(
        private readonly fromFile: FilingRegistry,
        private readonly options: RegistryOptions = {},
    ) {
        this.current = fromFile;
        this.book = new WaiverBook(fromFile.waivers);
    }

    /**
     * Called with the `icp-filing-registry` config properties of each Configure (undefined when
     * the policy has none). Never throws; `announce` writes a problem to stderr at once.
     */
    receive(properties: Readonly<Record<string, unknown>> | undefined, options: { announce?: boolean } = { announce: true }): void {
        try {
            // Every problem of the config registry and every conflict with the file, in one report.
            const merged = registryFromSources(() => this.fromFile, () => registryFromConfig(properties, this.options));
            this.problem = undefined;
            if (merged !== this.current) {
                this.current = merged;
                this.book = new WaiverBook(merged.waivers);
            }
        } catch (error) {
            if (!(error instanceof RegistryError)) throw error;
            this.problem = error;
            if (options.announce) process.stderr.write(`${error.message}\n`);
        }
    }

    /** Throws the config registry's problem, if any: the pack refuses to analyse rather than guess. */
    check(): void {
        if (this.problem) throw this.problem;
    }

    /** The problem of the config registry, if any. */
    get error(): RegistryError | undefined {
        return this.problem;
    }

    get registry(): FilingRegistry {
        return this.current;
    }

    /** One waiver book per registry, so stack analysis knows what Analyze matched. */
    get waivers(): WaiverBook {
        return this.book;
    }
}
