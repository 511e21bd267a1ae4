/**
 * Synthetic stacks for the benchmark (`npm run bench`): a realistic mix of what a shop on Alibaba
 * Cloud registers, generated deterministically from a seed, at any size.
 *
 * A stack is a list of "apps". Each app is a component resource with, as children: a VPC, a
 * vSwitch, a security group and rules, an ECS instance, an EIP and its association, a load
 * balancer (ALB, CLB or NLB), an OSS bucket with a custom domain, a CDN domain, a RAM role, a log
 * project, Alibaba Cloud DNS records (A, CNAME, TXT, MX) for the app's hosts, sometimes a Function
 * Compute custom domain, a Route 53 or Cloudflare record, and a random password (a secret output).
 * About half of the apps are new in this preview: their computed outputs are unknown (the string
 * sentinel) and the records that use them carry propertyDependencies; the other half are
 * refreshed state with known outputs, and records whose values are literal copies of them.
 *
 * Kubernetes on ACK (issue #19): an ACK cluster per region, a Kubernetes provider per cluster whose
 * kubeconfig depends on it (getClusterCredential once the cluster exists), an ALB IngressClass and
 * AlbConfig per cluster, and per app, often, an Ingress with two hosts, sometimes a Gateway API
 * HTTPRoute; in new apps the Ingress's status is unknown.
 *
 * Domains: apps share a fixed pool of 780 registrable domains; most are filed and accessed at
 * Alibaba Cloud, a few filed elsewhere, a few not filed, so the pack has some findings to report (as
 * in a real preview with a couple of mistakes), not thousands. The registry lists every filing of
 * the pool (about 700), so it is the same at every size.
 */
import { ProviderInput, ResourceInput } from "./engine-client";

export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

const STACK = "bench";
const PROJECT = "shop";

/** A small, fast, deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

export interface SyntheticStack {
    /** One Analyze request per resource (inputs), in registration order, providers first. */
    readonly analyzeRequests: readonly ResourceInput[];
    /** The AnalyzeStack resources (outputs, parents, dependencies, propertyDependencies). */
    readonly stackResources: readonly ResourceInput[];
    /** Registry YAML covering the filed domains the stack uses. */
    readonly registryYaml: string;
    /** Resource count per type token, for the report. */
    readonly typeCounts: Readonly<Record<string, number>>;
    /** Share of AnalyzeStack resources holding at least one unknown value. */
    readonly unknownShare: number;
    /** Share of AnalyzeStack resources with propertyDependencies. */
    readonly withDependenciesShare: number;
}

const urnOf = (type: string, name: string, parentType?: string) =>
    `urn:pulumi:${STACK}::${PROJECT}::${parentType ? `${parentType}$` : ""}${type}::${name}`;

function providerResource(name: string, region: string): ProviderInput {
    return { urn: urnOf("pulumi:providers:alicloud", name), type: "pulumi:providers:alicloud", name, props: { region, version: "3.108.0" } };
}

const T = {
    app: "shop:index:App",
    vpc: "alicloud:vpc/network:Network",
    vswitch: "alicloud:vpc/switch:Switch",
    sg: "alicloud:ecs/securityGroup:SecurityGroup",
    sgRule: "alicloud:ecs/securityGroupRule:SecurityGroupRule",
    ecs: "alicloud:ecs/instance:Instance",
    eip: "alicloud:ecs/eipAddress:EipAddress",
    eipAssoc: "alicloud:ecs/eipAssociation:EipAssociation",
    alb: "alicloud:alb/loadBalancer:LoadBalancer",
    clb: "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer",
    nlb: "alicloud:nlb/loadBalancer:LoadBalancer",
    bucket: "alicloud:oss/bucket:Bucket",
    bucketCname: "alicloud:oss/bucketCname:BucketCname",
    cdn: "alicloud:cdn/domainNew:DomainNew",
    record: "alicloud:dns/alidnsRecord:AlidnsRecord",
    fcDomain: "alicloud:fc/customDomain:CustomDomain",
    route53: "aws:route53/record:Record",
    cloudflare: "cloudflare:index/record:Record",
    role: "alicloud:ram/role:Role",
    logProject: "alicloud:log/project:Project",
    password: "random:index/randomPassword:RandomPassword",
    ack: "alicloud:cs/managedKubernetes:ManagedKubernetes",
    ingress: "kubernetes:networking.k8s.io/v1:Ingress",
    ingressClass: "kubernetes:networking.k8s.io/v1:IngressClass",
    albConfig: "kubernetes:alibabacloud.com/v1:AlbConfig",
    httpRoute: "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute",
} as const;

/**
 * The company's registrable domains: a fixed pool, so the registry (and the pack's start-up) is the
 * same at every stack size. 90 % are filed and accessed at Alibaba Cloud, 5 % filed with another
 * access provider, 5 % not filed at all.
 */
const DOMAINS: readonly { readonly domain: string; readonly filing?: "alibaba" | "other" }[] = Array.from({ length: 780 }, (_, i) => {
    const roll = prng(0x5eed ^ Math.imul(i + 1, 2654435761))();
    return roll < 0.9 ? { domain: `brand${i}.com`, filing: "alibaba" } : roll < 0.95 ? { domain: `partner${i}.com.cn`, filing: "other" } : { domain: `unfiled${i}.net` };
});

/** The registry: every filed domain of the pool (a registry lists all filings, not only this stack's). */
const REGISTRY_YAML =
    "filings:\n" +
    DOMAINS.filter((d) => d.filing)
        .map((d, n) =>
            d.filing === "alibaba"
                ? `  - domain: ${d.domain}\n    icp: 浙ICP备${String(20230000 + n).padStart(8, "0")}号-1\n    accessProviders: [alibaba]\n`
                : `  - domain: ${d.domain}\n    icp: 京ICP备${String(10000000 + n).padStart(8, "0")}号-2\n    accessProviders: [tencent]\n`,
        )
        .join("");

/**
 * Builds a stack of exactly `size` resources (the last app may be cut short) and the registry
 * that goes with it.
 */
export function syntheticStack(size: number, seed = 20240601): SyntheticStack {
    const random = prng(seed);
    const pick = <V>(items: readonly V[]): V => items[Math.floor(random() * items.length)];
    const chance = (p: number) => random() < p;

    const providers = [
        providerResource("default_3_108_0", "cn-hangzhou"),
        providerResource("shanghai", "cn-shanghai"),
        providerResource("beijing", "cn-beijing"),
        providerResource("hongkong", "cn-hongkong"),
        providerResource("singapore", "ap-southeast-1"),
    ];
    const mainlandProviders = providers.slice(0, 3);
    const awsProvider: ProviderInput = { urn: urnOf("pulumi:providers:aws", "aws"), type: "pulumi:providers:aws", name: "aws", props: { region: "us-east-1", version: "6.0.0" } };
    const cfProvider: ProviderInput = { urn: urnOf("pulumi:providers:cloudflare", "cf"), type: "pulumi:providers:cloudflare", name: "cf", props: { version: "5.0.0" } };

    const analyzeRequests: ResourceInput[] = [];
    const stackResources: ResourceInput[] = [];
    const typeCounts: Record<string, number> = {};
    let unknownCount = 0;
    let dependencyCount = 0;

    const full = () => analyzeRequests.length >= size;
    const add = (inputs: ResourceInput, outputs: Record<string, unknown> = {}, propertyDependencies: Record<string, string[]> = {}) => {
        if (full()) return;
        analyzeRequests.push(inputs);
        const props = { ...inputs.props, ...outputs };
        const dependencies = [...new Set(Object.values(propertyDependencies).flat())];
        stackResources.push({ ...inputs, props, dependencies, propertyDependencies });
        typeCounts[inputs.type] = (typeCounts[inputs.type] ?? 0) + 1;
        if (JSON.stringify(props).includes(UNKNOWN_STRING)) unknownCount++;
        if (dependencies.length > 0) dependencyCount++;
    };
    for (const provider of [...providers, awsProvider, cfProvider]) add({ ...provider, provider: undefined });

    // ACK: one cluster per region, its Kubernetes provider (kubeconfig from the cluster's credentials), an ALB class.
    const clusters = providers.slice(0, 4).map((provider, index) => {
        const name = `ack-${index}`;
        const cluster: ResourceInput = { urn: urnOf(T.ack, name), type: T.ack, name, props: { clusterSpec: "ack.pro.small", workerVswitchIds: [`vsw-ack-${index}`] }, provider };
        const k8s: ProviderInput = { urn: urnOf("pulumi:providers:kubernetes", name), type: "pulumi:providers:kubernetes", name, props: { kubeconfig: { [SECRET_SIG_KEY]: SECRET_SIG, value: `kubeconfig-${index}-not-shown` }, version: "4.34.2" } };
        return { cluster, k8s };
    });
    for (const { cluster, k8s } of clusters) {
        add(cluster, { id: `c${cluster.name}x` });
        add({ ...k8s, provider: undefined }, {}, { kubeconfig: [cluster.urn] });
        const object = (type: string, name: string, apiVersion: string, kind: string, spec: Record<string, unknown>): ResourceInput => ({
            urn: urnOf(type, `${k8s.name}-${name}`),
            type,
            name: `${k8s.name}-${name}`,
            props: { apiVersion, kind, metadata: { name }, spec },
            provider: k8s,
        });
        add(object(T.ingressClass, "alb", "networking.k8s.io/v1", "IngressClass", { controller: "ingress.k8s.alibabacloud/alb", parameters: { apiGroup: "alibabacloud.com", kind: "AlbConfig", name: "alb" } }));
        add(object(T.albConfig, "alb", "alibabacloud.com/v1", "AlbConfig", { config: { addressType: "Internet", zoneMappings: [{ vSwitchId: "vsw-1" }, { vSwitchId: "vsw-2" }] }, listeners: [{ port: 443, protocol: "HTTPS" }] }));
    }

    for (let app = 0; !full(); app++) {
        const domain = DOMAINS[app % DOMAINS.length].domain;

        const isNew = chance(0.5);
        const provider = chance(0.92) ? pick(mainlandProviders) : pick(providers.slice(3));
        const region = String(provider.props["region"]);
        const appName = `app${app}`;
        const appUrn = urnOf(T.app, appName);
        const child = (type: string, name: string, props: Record<string, unknown>, withProvider: ProviderInput | null = provider): ResourceInput => ({
            urn: urnOf(type, `${appName}-${name}`, T.app),
            type,
            name: `${appName}-${name}`,
            props,
            provider: withProvider ?? undefined,
            parent: appUrn,
        });
        const computed = (known: string) => (isNew ? UNKNOWN_STRING : known);
        const octet = () => 1 + Math.floor(random() * 250);
        const ip = `47.${96 + (app % 20)}.${octet()}.${octet()}`;

        add({ urn: appUrn, type: T.app, name: appName, props: {} });

        const vpc = child(T.vpc, "vpc", { vpcName: `${appName}-vpc`, cidrBlock: "172.16.0.0/12" });
        add(vpc, { id: computed(`vpc-${app}x`), routeTableId: computed(`vtb-${app}x`) });
        const vswitch = child(T.vswitch, "vsw", { vpcId: computed(`vpc-${app}x`), cidrBlock: "172.16.0.0/21", zoneId: `${region}-b` });
        add(vswitch, { id: computed(`vsw-${app}x`) }, { vpcId: [vpc.urn] });
        const sg = child(T.sg, "sg", { vpcId: computed(`vpc-${app}x`), securityGroupName: `${appName}-sg` });
        add(sg, { id: computed(`sg-${app}x`) }, { vpcId: [vpc.urn] });
        for (const port of ["443/443", "80/80"]) {
            add(child(T.sgRule, `rule-${port.split("/")[0]}`, { type: "ingress", ipProtocol: "tcp", portRange: port, cidrIp: "0.0.0.0/0", securityGroupId: computed(`sg-${app}x`) }), {}, { securityGroupId: [sg.urn] });
        }
        // Most instances are subscriptions (they can be ICP filing hosts); their public address is
        // the associated EIP, not bandwidth of their own.
        const billing = chance(0.85) ? { instanceChargeType: "PrePaid", period: 12, periodUnit: "Month", internetMaxBandwidthOut: 0 } : { instanceChargeType: "PostPaid", internetMaxBandwidthOut: 0 };
        const ecs = child(T.ecs, "ecs", { instanceType: "ecs.g7.large", imageId: "aliyun_3_x64_20G_alibase_20240528.vhd", vswitchId: computed(`vsw-${app}x`), securityGroups: [computed(`sg-${app}x`)], ...billing });
        add(ecs, { id: computed(`i-${app}x`), publicIp: computed(""), privateIp: computed(`172.16.${app % 250}.10`) }, { vswitchId: [vswitch.urn], securityGroups: [sg.urn] });
        const eip = child(T.eip, "eip", { bandwidth: "5", internetChargeType: "PayByTraffic", addressName: `${appName}-eip` });
        add(eip, { ipAddress: computed(ip), id: computed(`eip-${app}x`) });
        add(child(T.eipAssoc, "eip-assoc", { allocationId: computed(`eip-${app}x`), instanceId: computed(`i-${app}x`) }), {}, { allocationId: [eip.urn], instanceId: [ecs.urn] });

        const lbKind = pick(["alb", "alb", "clb", "nlb"] as const);
        const lbHost = `${appName}-${lbKind}.${region}.alb.aliyuncs.com`;
        const lb =
            lbKind === "alb"
                ? child(T.alb, "alb", { addressType: "Internet", vpcId: computed(`vpc-${app}x`), loadBalancerEdition: "Standard", zoneMappings: [{ vswitchId: computed(`vsw-${app}x`), zoneId: `${region}-b` }] })
                : lbKind === "clb"
                  ? child(T.clb, "clb", { addressType: "internet", loadBalancerSpec: "slb.s2.small", vswitchId: computed(`vsw-${app}x`) })
                  : child(T.nlb, "nlb", { addressType: "Internet", vpcId: computed(`vpc-${app}x`), zoneMappings: [{ vswitchId: computed(`vsw-${app}x`), zoneId: `${region}-b` }] });
        const lbOutputs = lbKind === "clb" ? { address: computed(`47.100.${app % 250}.7`) } : { dnsName: computed(lbHost) };
        add(lb, lbOutputs, { vpcId: [vpc.urn], vswitchId: [vswitch.urn] });

        const bucketName = `${appName}-assets`;
        const bucket = child(T.bucket, "bucket", { bucket: bucketName, acl: "private" });
        add(bucket, { extranetEndpoint: computed(`oss-${region}.aliyuncs.com`), location: computed(`oss-${region}`) });
        add(child(T.bucketCname, "bucket-cname", { bucket: computed(bucketName), domain: `img-${app}.${domain}` }), {}, { bucket: [bucket.urn] });

        const scope = pick(["domestic", "domestic", "global", "overseas", undefined]);
        const cdn = child(T.cdn, "cdn", { domainName: `static-${app}.${domain}`, cdnType: "web", ...(scope ? { scope } : {}), sources: [{ type: "oss", content: computed(`${bucketName}.oss-${region}.aliyuncs.com`), port: 443 }] });
        add(cdn, { cname: computed(`static-${app}.${domain}.w.kunlunsl.com`) }, { sources: [bucket.urn] });

        const record = (name: string, rr: string, type: string, value: string, from?: ResourceInput, extra: Record<string, unknown> = {}) =>
            add(child(T.record, name, { domainName: domain, rr, type, value: from && isNew ? UNKNOWN_STRING : value, ttl: 600, ...extra }), {}, from ? { value: [from.urn] } : {});
        record("dns-www", `www${app}`, "A", ip, eip);
        record("dns-api", `api${app}`, lbKind === "clb" ? "A" : "CNAME", lbKind === "clb" ? `47.100.${app % 250}.7` : lbHost, lb);
        record("dns-static", `static-${app}`, "CNAME", `static-${app}.${domain}.w.kunlunsl.com`, cdn);
        record("dns-verify", `_verify${app}`, "TXT", `verification=${app}`);
        if (chance(0.5)) record("dns-mx", "@", "MX", "mx1.example-mail.com", undefined, { priority: 10 });

        if (chance(0.6)) {
            const { k8s } = pick(clusters);
            const k8sChild = (type: string, name: string, apiVersion: string, kind: string, spec: Record<string, unknown>): ResourceInput =>
                child(type, name, { apiVersion, kind, metadata: { name: `${appName}-${name}`, namespace: appName }, spec }, k8s);
            add(
                k8sChild(T.ingress, "ingress", "networking.k8s.io/v1", "Ingress", {
                    ingressClassName: "alb",
                    rules: [`shop${app}`, `m${app}`].map((host) => ({ host: `${host}.${domain}`, http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } })),
                    tls: [{ hosts: [`shop${app}.${domain}`], secretName: "tls" }],
                }),
                { status: isNew ? UNKNOWN_STRING : { loadBalancer: { ingress: [{ hostname: `alb-${app}.${region}.alb.aliyuncsslb.com` }] } } },
            );
            if (chance(0.25)) add(k8sChild(T.httpRoute, "route", "gateway.networking.k8s.io/v1", "HTTPRoute", { hostnames: [`api-gw${app}.${domain}`], parentRefs: [{ name: "gw" }], rules: [{ backendRefs: [{ name: "api", port: 8080 }] }] }));
        }
        add(child(T.role, "role", { roleName: `${appName}-role`, assumeRolePolicyDocument: JSON.stringify({ Statement: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: ["ecs.aliyuncs.com"] } }], Version: "1" }) }), { arn: computed(`acs:ram::1:role/${appName}`) });
        add(child(T.logProject, "logs", { projectName: `${appName}-logs`, description: "application logs" }));
        if (chance(0.3)) add(child(T.fcDomain, "fc-domain", { domainName: `fn-${app}.${domain}`, protocol: "HTTP", routeConfig: { routes: [{ path: "/*", serviceName: "svc", functionName: "fn" }] } }));
        if (chance(0.2)) add(child(T.route53, "r53", { name: `aws-${app}.${domain}`, type: "CNAME", records: [`${appName}.elb.amazonaws.com`], ttl: 300, zoneId: "Z123" }, awsProvider));
        if (chance(0.2)) add(child(T.cloudflare, "cf", { name: `cf-${app}`, type: "A", content: ip, proxied: chance(0.5), zoneId: "zone123" }, cfProvider));
        add(
            child(T.password, "db-password", { length: 24, special: true }, null),
            { result: isNew ? UNKNOWN_STRING : { [SECRET_SIG_KEY]: SECRET_SIG, value: `pw-${app}-not-shown` } },
        );
    }

    return {
        analyzeRequests,
        stackResources,
        registryYaml: REGISTRY_YAML,
        typeCounts,
        unknownShare: unknownCount / stackResources.length,
        withDependenciesShare: dependencyCount / stackResources.length,
    };
}
