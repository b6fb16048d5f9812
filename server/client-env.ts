// The environment that points an unmodified client at the fakes: proxy variables and the CA, per common stack.

export interface ClientEnvInput {
  proxyUrl: string;
  /** The CA certificate file, with `--https`. */
  caFile?: string;
}

export interface EnvGroup {
  /** Who reads these variables. */
  readonly stack: string;
  readonly vars: Readonly<Record<string, string>>;
}

/**
 * Both spellings of the proxy variables: curl reads only lower-case `http_proxy`, others prefer upper case.
 * Each CA variable replaces its stack's trust store for that process only, which is all a test needs: the
 * proxy refuses every host it does not emulate anyway.
 */
export function clientEnvGroups({ proxyUrl, caFile }: ClientEnvInput): EnvGroup[] {
  if (!caFile) return [{ stack: 'every stack (http:// only)', vars: { HTTP_PROXY: proxyUrl, http_proxy: proxyUrl } }];
  return [
    { stack: 'every stack', vars: { HTTPS_PROXY: proxyUrl, https_proxy: proxyUrl, HTTP_PROXY: proxyUrl, http_proxy: proxyUrl } },
    // Node >= 22.21 / 24.5: fetch, http and https follow the proxy variables only when asked to.
    { stack: 'Node', vars: { NODE_USE_ENV_PROXY: '1', NODE_EXTRA_CA_CERTS: caFile } },
    // OpenSSL's default verify file: Python's ssl and urllib, Ruby, PHP's openssl; Go's crypto/x509 too.
    { stack: 'Python (ssl, urllib, requests), Go, Ruby', vars: { SSL_CERT_FILE: caFile, REQUESTS_CA_BUNDLE: caFile } },
    { stack: 'curl', vars: { CURL_CA_BUNDLE: caFile } },
  ];
}

export function clientEnvironment(input: ClientEnvInput): Record<string, string> {
  return Object.assign({}, ...clientEnvGroups(input).map((g) => g.vars)) as Record<string, string>;
}

/** Quotes a value for a POSIX shell line only when it needs it. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The `keytool` line and the JVM flags: Java keeps trust in a keystore and reads no CA variable. */
export function javaInstructions(caFile: string, proxyUrl: string): string[] {
  const { hostname, port } = new URL(proxyUrl);
  return [
    `keytool -importcert -noprompt -alias oauth-doubles -file ${shellQuote(caFile)} -keystore oauth-doubles-truststore.p12 -storetype PKCS12 -storepass changeit`,
    `java -Djavax.net.ssl.trustStore=oauth-doubles-truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit -Dhttps.proxyHost=${hostname} -Dhttps.proxyPort=${port} -Dhttp.proxyHost=${hostname} -Dhttp.proxyPort=${port} …`,
  ];
}
