// Placeholder for `oauth-doubles verify`; the contract-suite runner provides the real command.
export async function verifyCommand(_argv: string[]): Promise<number> {
  console.error('oauth-doubles verify: contract suites are not available yet.');
  return 2;
}
