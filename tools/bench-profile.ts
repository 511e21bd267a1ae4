/**
 * Reads a V8 CPU profile (`node --cpu-prof`) of a policy pack and says where the time went, per
 * phase of the benchmark (start-up, Analyze, AnalyzeStack) and per owner: icp-guard's own compiled
 * code (bin/), @pulumi/policy, @pulumi/pulumi, protobuf (generated messages and google-protobuf),
 * gRPC, libraries, Node built-ins, GC.
 *
 * Two views:
 * - self time by where the CPU was (the sampled frame);
 * - "caused by": each sample is charged to the nearest frame on its stack that belongs to an owner
 *   (icp-guard, the SDK, protobuf, gRPC), so a library or built-in called by icp-guard (tldts,
 *   JSON.stringify, Map lookups) counts as icp-guard's, and protobuf decoding called from
 *   icp-guard's request observer counts as protobuf's.
 * Plus icp-guard's own functions, by self and inclusive time.
 *
 * Phase boundaries come from the benchmark client's process.hrtime, which reads the same
 * monotonic clock as the profile's timestamps (µs) on Linux.
 */

export interface Phase {
    readonly name: string;
    readonly fromUs: number;
    readonly toUs: number;
}

interface CallFrame {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
    readonly columnNumber: number;
}

interface ProfileNode {
    readonly id: number;
    readonly callFrame: CallFrame;
    readonly children?: readonly number[];
}

export interface CpuProfile {
    readonly nodes: readonly ProfileNode[];
    readonly startTime: number;
    readonly endTime: number;
    readonly samples: readonly number[];
    readonly timeDeltas: readonly number[];
}

export interface Share {
    readonly name: string;
    readonly ms: number;
    readonly share: number;
}

export interface PhaseReport {
    readonly phase: string;
    /** Sampled CPU time in the phase, idle excluded. */
    readonly busyMs: number;
    readonly wallMs: number;
    readonly selfByCategory: readonly Share[];
    readonly causedBy: readonly Share[];
    readonly ourFunctionsSelf: readonly Share[];
    readonly ourFunctionsInclusive: readonly Share[];
    readonly topSelf: readonly Share[];
}

export interface ProfileReport {
    readonly clockAligned: boolean;
    readonly phases: readonly PhaseReport[];
}

const OWNERS = new Set(["icp-guard", "@pulumi/policy", "@pulumi/pulumi", "protobuf", "gRPC"]);

function categoryOf(frame: CallFrame, repoDir: string): string {
    const { url, functionName } = frame;
    if (functionName === "(garbage collector)") return "GC";
    if (functionName === "(idle)") return "(idle)";
    if (functionName === "(program)") return "(program: V8 and native)";
    if (functionName === "(root)") return "(root)";
    const file = url.replace(/^file:\/\//, "");
    if (file.startsWith(`${repoDir}/bin/`)) return "icp-guard";
    if (file.includes("/node_modules/@pulumi/policy/")) return "@pulumi/policy";
    if (file.includes("/node_modules/@pulumi/pulumi/proto/") || file.includes("/node_modules/google-protobuf/")) return "protobuf";
    if (file.includes("/node_modules/@pulumi/pulumi/")) return "@pulumi/pulumi";
    if (file.includes("/node_modules/@grpc/") || file.includes("/node_modules/@protobufjs/") || file.includes("/node_modules/protobufjs/")) return "gRPC";
    const library = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
    if (library) return `library ${library[1]}`;
    return "Node.js built-ins";
}

function frameLabel(frame: CallFrame, repoDir: string): string {
    const file = frame.url.replace(/^file:\/\//, "");
    const short = file.startsWith(`${repoDir}/`) ? file.slice(repoDir.length + 1) : file.replace(/^.*\/node_modules\//, "");
    return `${frame.functionName || "(anonymous)"} ${short}:${frame.lineNumber + 1}`;
}

function shares(totals: ReadonlyMap<string, number>, busyUs: number, limit = Infinity): Share[] {
    return [...totals.entries()]
        .map(([name, us]) => ({ name, ms: us / 1000, share: busyUs > 0 ? us / busyUs : 0 }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, limit);
}

export function analyseProfile(profile: CpuProfile, phases: readonly Phase[], repoDir: string): ProfileReport {
    const byId = new Map<number, ProfileNode>();
    const parent = new Map<number, number>();
    for (const node of profile.nodes) {
        byId.set(node.id, node);
        for (const child of node.children ?? []) parent.set(child, node.id);
    }
    const category = new Map<number, string>();
    for (const node of profile.nodes) category.set(node.id, categoryOf(node.callFrame, repoDir));

    // The stack of a node, leaf first, memoised as owner + our frames.
    const ownerCache = new Map<number, string>();
    const ourFramesCache = new Map<number, readonly string[]>();
    const ownerOf = (id: number): string => {
        const cached = ownerCache.get(id);
        if (cached) return cached;
        let owner: string | undefined;
        for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
            const c = category.get(current)!;
            if (OWNERS.has(c)) {
                owner = c;
                break;
            }
        }
        const result = owner ?? category.get(id)!;
        ownerCache.set(id, result);
        return result;
    };
    const ourFrames = (id: number): readonly string[] => {
        const cached = ourFramesCache.get(id);
        if (cached) return cached;
        const seen = new Set<string>();
        for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
            if (category.get(current) === "icp-guard") seen.add(frameLabel(byId.get(current)!.callFrame, repoDir));
        }
        const result = [...seen];
        ourFramesCache.set(id, result);
        return result;
    };

    // Sample timestamps. The profile and the client share CLOCK_MONOTONIC when the profile's
    // range covers the phases; otherwise phases are placed relative to the profile's end.
    const times: number[] = [];
    let t = profile.startTime;
    for (const delta of profile.timeDeltas) {
        t += delta;
        times.push(t);
    }
    const lastPhaseEnd = Math.max(...phases.map((p) => p.toUs));
    const clockAligned = phases.length > 0 && phases[1].fromUs >= profile.startTime && lastPhaseEnd <= profile.endTime + 5_000_000;

    const reports: PhaseReport[] = [];
    for (const phase of phases) {
        const selfByCategory = new Map<string, number>();
        const causedBy = new Map<string, number>();
        const ourSelf = new Map<string, number>();
        const ourInclusive = new Map<string, number>();
        const topSelf = new Map<string, number>();
        let busy = 0;
        const fromUs = phase.fromUs === 0 ? -Infinity : phase.fromUs;
        for (let i = 0; i < profile.samples.length; i++) {
            const time = times[i];
            if (time < fromUs || time > phase.toUs) continue;
            const id = profile.samples[i];
            const delta = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i];
            const c = category.get(id)!;
            if (c === "(idle)" || c === "(root)") continue;
            busy += delta;
            selfByCategory.set(c, (selfByCategory.get(c) ?? 0) + delta);
            const owner = ownerOf(id);
            causedBy.set(owner, (causedBy.get(owner) ?? 0) + delta);
            const label = `${frameLabel(byId.get(id)!.callFrame, repoDir)} [${c}]`;
            topSelf.set(label, (topSelf.get(label) ?? 0) + delta);
            if (c === "icp-guard") {
                const own = frameLabel(byId.get(id)!.callFrame, repoDir);
                ourSelf.set(own, (ourSelf.get(own) ?? 0) + delta);
            }
            for (const frame of ourFrames(id)) ourInclusive.set(frame, (ourInclusive.get(frame) ?? 0) + delta);
        }
        reports.push({
            phase: phase.name,
            busyMs: busy / 1000,
            wallMs: phase.fromUs === 0 ? NaN : (phase.toUs - phase.fromUs) / 1000,
            selfByCategory: shares(selfByCategory, busy),
            causedBy: shares(causedBy, busy),
            ourFunctionsSelf: shares(ourSelf, busy, 12),
            ourFunctionsInclusive: shares(ourInclusive, busy, 15),
            topSelf: shares(topSelf, busy, 12),
        });
    }
    return { clockAligned, phases: reports };
}

const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)} %`;

export function printProfileReport(report: ProfileReport, withOurFunctions: boolean): void {
    const out = (text: string) => process.stdout.write(`${text}\n`);
    if (!report.clockAligned) out("(warning: profile clock and client clock do not line up; phases may be off)");
    for (const phase of report.phases) {
        out(`\n-- ${phase.phase}: ${phase.busyMs.toFixed(0)} ms sampled CPU${Number.isNaN(phase.wallMs) ? "" : ` in ${phase.wallMs.toFixed(0)} ms wall`}`);
        out("   self time by where the CPU was:");
        for (const s of phase.selfByCategory.filter((s) => s.share >= 0.005)) out(`     ${pct(s.share)}  ${s.name}`);
        out("   charged to the nearest owner on the stack (icp-guard includes the libraries and built-ins it calls):");
        for (const s of phase.causedBy.filter((s) => s.share >= 0.005)) out(`     ${pct(s.share)}  ${s.name}`);
        out("   top self-time functions:");
        for (const s of phase.topSelf) out(`     ${pct(s.share)}  ${s.name}`);
        if (withOurFunctions && phase.ourFunctionsInclusive.length > 0) {
            out("   icp-guard functions, inclusive (time with the function on the stack):");
            for (const s of phase.ourFunctionsInclusive) out(`     ${pct(s.share)}  ${s.name}`);
            out("   icp-guard functions, self:");
            for (const s of phase.ourFunctionsSelf) out(`     ${pct(s.share)}  ${s.name}`);
        }
    }
}
