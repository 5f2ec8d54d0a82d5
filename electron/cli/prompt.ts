// Reading a password: from an environment variable (scripts, tests) or typed at a prompt without echo.
import { createInterface } from 'node:readline';

export async function readSecret(envName: string, question: string): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) {
    // A plain Error would read as INTERNAL; this is the caller's to fix.
    throw Object.assign(new Error(`set ${envName} or run in a terminal to type it`), { cliCode: 'VALIDATION' });
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (text: string) => void }; // readline has no public "mute" switch
  let muted = false;
  output._writeToOutput = (text: string) => {
    if (!muted) process.stdout.write(text);
  };
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}
