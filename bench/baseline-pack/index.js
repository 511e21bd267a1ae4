/**
 * The benchmark's baseline: a real policy pack on the same @pulumi/policy and @pulumi/pulumi as
 * icp-guard (resolved through node_modules -> ../../node_modules, a symlink the benchmark creates),
 * started the same way (node_modules/@pulumi/pulumi/cmd/run-policy-pack), with one no-op resource
 * policy and one no-op stack policy. What it costs is what the SDK costs: gRPC, deserialising every
 * resource for the resource policy and for the stack policy, the unknown-checking proxy.
 *
 * Nothing here writes to stdout: the first stdout line must be the gRPC port.
 */
"use strict";
const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("baseline", {
    policies: [
        {
            name: "baseline-noop-resource",
            description: "Validates every resource and reports nothing.",
            enforcementLevel: "mandatory",
            validateResource: () => {},
        },
        {
            name: "baseline-noop-stack",
            description: "Validates the stack and reports nothing.",
            enforcementLevel: "mandatory",
            validateStack: () => {},
        },
    ],
});
