/**
 * Reviewed "not relevant" table for test/alicloud-coverage.spec.ts: properties of
 * `@pulumi/alicloud` resources that look like a served domain or a public address (by name or doc
 * comment) but do not put a website in the Chinese mainland, so icp-guard does not read them.
 *
 * Key: `<type token> <property>`. Value: why it is not relevant. Reviewed against
 * @pulumi/alicloud 3.108.0. When the SDK is upgraded, a failing coverage test lists new
 * candidates: add each to a binding/DNS/endpoint table in lib/graph/, or here with the reason.
 * An entry that no longer matches anything fails the test too, so the table stays current.
 */
export const NOT_RELEVANT: Readonly<Record<string, string>> = {
    // Databases and middleware: connection strings and endpoints, not websites.
    "alicloud:adb/connection:Connection ipAddress": "AnalyticDB connection string address (database, not a website)",
    "alicloud:gpdb/connection:Connection ipAddress": "AnalyticDB for PostgreSQL connection address (database)",
    "alicloud:polardb/endpointAddress:EndpointAddress ipAddress": "PolarDB endpoint address (database)",
    "alicloud:rds/connection:Connection ipAddress": "RDS connection address (database)",
    "alicloud:rds/dbInstanceEndpointAddress:DbInstanceEndpointAddress ipAddress": "RDS endpoint address (database)",
    "alicloud:selectdb/dbInstance:DbInstance subDomain": "SelectDB instance sub-domain (database endpoint)",
    "alicloud:elasticsearch/instance:Instance domain": "Elasticsearch internal network address",

    // OS host names of machines, not DNS names the instance serves.
    "alicloud:bastionhost/host:Host hostName": "host name of a machine managed by Bastionhost",
    "alicloud:cddc/dedicatedHost:DedicatedHost hostName": "name of a dedicated database host",
    "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate hostName": "OS host name in a launch template",
    "alicloud:ecs/launchTemplate:LaunchTemplate hostName": "OS host name in a (legacy) launch template",
    "alicloud:eds/desktop:Desktop hostName": "OS host name of a cloud desktop",
    "alicloud:ess/eciScalingConfiguration:EciScalingConfiguration hostName": "OS host name of auto-scaled ECI instances",
    "alicloud:ess/scalingConfiguration:ScalingConfiguration hostName": "OS host name of auto-scaled ECS instances",
    "alicloud:rds/custom:Custom hostName": "OS host name of an RDS Custom instance",

    "alicloud:ecs/instance:Instance hostName": "OS host name of an ECS instance (the instance itself is an endpoint)",
    "alicloud:ecs/ecsInstanceSet:EcsInstanceSet hostName": "OS host name pattern of bulk ECS instances",
    "alicloud:ens/instance:Instance hostName": "OS host name of an ENS instance",

    // Other properties of handled types that look served but are not.
    "alicloud:ecs/instance:Instance allocatePublicIp": "deprecated since provider 1.7.0; internetMaxBandwidthOut decides public bandwidth",
    "alicloud:esa/routineRelatedRecord:RoutineRelatedRecord siteName": "output naming the site the record belongs to (recordName is the hostname)",

    // Configuration of a domain that a binding resource (already handled) must bind first.
    "alicloud:cdn/domainConfig:DomainConfig domainName": "CDN feature config of a domain bound by cdn.DomainNew/cdn.Domain",
    "alicloud:cdn/realTimeLogDelivery:RealTimeLogDelivery domain": "log delivery for a domain bound by a CDN resource",
    "alicloud:dcdn/domainConfig:DomainConfig domainName": "DCDN feature config of a domain bound by dcdn.Domain",
    "alicloud:dcdn/wafDomain:WafDomain domainName": "DCDN WAF protection of a domain bound by dcdn.Domain",
    "alicloud:dcdn/wafPolicyDomainAttachment:WafPolicyDomainAttachment domainName": "DCDN WAF policy attached to a domain bound by dcdn.Domain",
    "alicloud:scdn/domainConfig:DomainConfig domainName": "SCDN feature config of a domain bound by scdn.Domain",
    "alicloud:ddos/cooDomainPreciseAccessRule:CooDomainPreciseAccessRule domain": "Anti-DDoS rule for a domain forwarded by ddos.DomainResource",
    "alicloud:ddos/cooWebCcRule:CooWebCcRule domain": "Anti-DDoS CC rule for a domain forwarded by ddos.DomainResource",
    "alicloud:waf/protectionModule:ProtectionModule domain": "WAF module settings for a domain added by waf.Domain",
    "alicloud:live/caster:Caster domainName": "play domain of a Live caster; it must be a live.Domain first",
    "alicloud:oss/bucketCnameToken:BucketCnameToken domain": "ownership-verification token for a domain bound by oss.BucketCname",

    // Certificates name domains but serve nothing.
    "alicloud:esa/certificate:Certificate domains": "ESA certificate subject names",
    "alicloud:ga/additionalCertificate:AdditionalCertificate domain": "GA listener certificate domain (ga.Domain binds the domain)",
    "alicloud:sslcertificatesservicecertificate/apply:Apply domain": "certificate request subject names",
    "alicloud:sslcertificatesserviceinstance/certificate:Certificate domain": "certificate subject names",
    "alicloud:sslcertificatesserviceinstance/sslCertificatesServiceInstance:SslCertificatesServiceInstance domain": "certificate subject names",
    "alicloud:waf/certificate:Certificate domain": "WAF certificate upload for a domain added by waf.Domain",

    // DNS administration, mail and directory domains: no website traffic.
    "alicloud:dns/alidnsDomainAttachment:AlidnsDomainAttachment domainNames": "zones attached to a DNS instance (the records are checked)",
    "alicloud:dns/domainAttachment:DomainAttachment domainNames": "zones attached to a DNS instance (legacy token)",
    "alicloud:dns/customLine:CustomLine domainName": "a custom resolution line of a zone",
    "alicloud:directmail/domain:Domain domainName": "mail sending domain (DirectMail)",
    "alicloud:eds/adConnectorDirectory:AdConnectorDirectory domainName": "Active Directory domain of cloud desktops",
    "alicloud:eds/adConnectorOfficeSite:AdConnectorOfficeSite domainName": "Active Directory domain of cloud desktops",
    "alicloud:ehpc/cluster:Cluster domain": "on-premises cluster domain of an E-HPC cluster",
    "alicloud:vpc/dhcpOptionsSet:DhcpOptionsSet domainName": "DHCP search domain inside a VPC",
    "alicloud:pai/workspaceModel:WorkspaceModel domain": "machine-learning problem domain (e.g. nlp), not a DNS name",
    "alicloud:ecs/ecsDeploymentSet:EcsDeploymentSet domain": "deprecated placement field of a deployment set",

    // Addresses that are private, on the customer's side, or VPN/network plumbing.
    "alicloud:vpc/haVipv2:HaVipv2 ipAddress": "private high-availability VIP inside a vSwitch",
    "alicloud:vpc/hAVip:HAVip ipAddress": "private high-availability VIP inside a vSwitch (legacy)",
    "alicloud:vpn/customerGateway:CustomerGateway ipAddress": "the customer's own gateway address, outside Alibaba Cloud",
    "alicloud:vpn/gateway:Gateway disasterRecoveryInternetIp": "VPN gateway tunnel address, not a web endpoint",
    "alicloud:vpn/gateway:Gateway internetIp": "VPN gateway tunnel address, not a web endpoint",
    "alicloud:vpn/sslVpnServer:SslVpnServer internetIp": "SSL-VPN server address, not a web endpoint",
    "alicloud:expressconnect/vbrPconnAssociation:VbrPconnAssociation peerIpv6GatewayIp": "the customer's side of a leased line",
    "alicloud:expressconnect/virtualBorderRouter:VirtualBorderRouter peerIpv6GatewayIp": "the customer's side of a leased line",
    "alicloud:rocketmq/dnatEntry:DnatEntry externalIp": "Smart Access Gateway DNAT (deprecated rocketmq token) into a branch network",
    "alicloud:rocketmq/snatEntry:SnatEntry snatIp": "Smart Access Gateway outbound SNAT address (deprecated rocketmq token)",
    "alicloud:sag/dnatEntry:DnatEntry externalIp": "Smart Access Gateway DNAT into a branch network",
    "alicloud:sag/snatEntry:SnatEntry snatIp": "Smart Access Gateway outbound SNAT address",
    "alicloud:edas/slbAttachment:SlbAttachment slbIp": "address of an SLB already in the stack as slb.ApplicationLoadBalancer (the endpoint)",
    "alicloud:ddos/basicDefenseThreshold:BasicDefenseThreshold internetIp": "Anti-DDoS Basic threshold for an address an endpoint already has",
    "alicloud:ddos/basicThreshold:BasicThreshold internetIp": "Anti-DDoS Basic threshold for an address an endpoint already has",
    "alicloud:emr/cluster:Cluster isOpenPublicIp": "E-MapReduce master node public IP switch (big-data cluster admin access)",
};
