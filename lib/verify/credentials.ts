/**
 * Alibaba Cloud credentials for `registry verify`: the standard chain of @alicloud/credentials, in
 * its order — environment variables (ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET, STS token), OIDC role,
 * the aliyun CLI profile, the credentials profile file, the ECS RAM role (instance metadata), and a
 * credentials URI — built from the package's own providers.
 *
 * Why not its DefaultCredentialsProvider as is: in 2.4.7 it always adds the credentials-URI provider,
 * and with ALIBABA_CLOUD_CREDENTIALS_URI unset that provider requests `https://undefined/`, a DNS
 * lookup of "undefined" on every machine without credentials. Here it joins the chain only when the
 * variable is set; everything else is the package's own code.
 */
import Credential, {
    CLIProfileCredentialsProvider,
    CredentialsProvider,
    ECSRAMRoleCredentialsProvider,
    EnvironmentVariableCredentialsProvider,
    OIDCRoleArnCredentialsProvider,
    ProfileCredentialsProvider,
    URICredentialsProvider,
} from "@alicloud/credentials";

type Inner = Awaited<ReturnType<CredentialsProvider["getCredentials"]>>;

class StandardChain implements CredentialsProvider {
    private readonly providers: CredentialsProvider[] = [];
    private lastUsed: CredentialsProvider | undefined;

    constructor(env: NodeJS.ProcessEnv) {
        // Each builder throws when its source is not configured; that link is then left out.
        const links: (() => CredentialsProvider)[] = [
            () => EnvironmentVariableCredentialsProvider.builder().build(),
            () => OIDCRoleArnCredentialsProvider.builder().build(),
            () => CLIProfileCredentialsProvider.builder().build(),
            () => ProfileCredentialsProvider.builder().build(),
            () => ECSRAMRoleCredentialsProvider.builder().withRoleName(env["ALIBABA_CLOUD_ECS_METADATA"] ?? "").build(),
        ];
        const uri = env["ALIBABA_CLOUD_CREDENTIALS_URI"];
        if (uri) links.push(() => URICredentialsProvider.builder().withCredentialsURI(uri).build());
        for (const link of links) {
            try {
                this.providers.push(link());
            } catch {
                // Not configured.
            }
        }
    }

    async getCredentials(): Promise<Inner> {
        if (this.lastUsed) return this.lastUsed.getCredentials();
        const errors: string[] = [];
        for (const provider of this.providers) {
            try {
                const credentials = await provider.getCredentials();
                if (credentials) {
                    this.lastUsed = provider;
                    return credentials;
                }
            } catch (error) {
                errors.push((error as Error).message);
            }
        }
        throw new Error(`no provider in the chain had credentials: ${errors.join("; ")}`);
    }

    getProviderName(): string {
        return "icp-guard-standard-chain";
    }
}

/** The standard credential chain (reads process.env, as the SDK's providers do). */
export function standardCredential(): Credential {
    return new Credential(null, new StandardChain(process.env));
}
