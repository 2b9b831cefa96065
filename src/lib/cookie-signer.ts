import { Signer, type UnsignResult } from '@fastify/cookie';

const REMEMBERED = 10_000;

/**
 * @fastify/cookie's signer, remembering its verdicts on recently seen signed values. Every form or
 * API call a visitor posts checks the same CSRF cookie again, and that HMAC costs more than the rest
 * of the check; a signed value's verdict cannot change while the secret stays the same.
 */
export function rememberingSigner(secret: string): Pick<Signer, 'sign' | 'unsign'> {
  const signer = new Signer(secret, 'sha256');
  const verdicts = new Map<string, UnsignResult>();
  return {
    sign: (value: string) => signer.sign(value),
    unsign(signedValue: string) {
      let verdict = verdicts.get(signedValue);
      if (!verdict) {
        verdict = Object.freeze(signer.unsign(signedValue));
        if (verdicts.size >= REMEMBERED) verdicts.delete(verdicts.keys().next().value as string);
        verdicts.set(signedValue, verdict);
      }
      return verdict;
    },
  };
}
