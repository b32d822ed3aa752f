// Placeholder until bsn.ts exposes a verdict from merged counts (workers count per chunk).
import { BSN_MINIMUM } from './bsn.js';

export function bsnVerdict(seen: number, passing: number): { refuse: boolean; message: string } {
  const refuse = seen >= BSN_MINIMUM && passing * 10 >= seen * 9;
  return {
    refuse,
    message: refuse
      ? `the client keys look like raw BSNs (citizen service numbers): ${passing} of ${seen} values pass the elfproef. traject only reads pseudonymised data: pseudonymise the file first with \`npx traject pseudonymise\``
      : '',
  };
}
