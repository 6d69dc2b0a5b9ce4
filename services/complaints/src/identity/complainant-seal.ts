import type { FieldCipher } from '@bizenv/common/field-crypto';
import { readComplainant } from './complainant-details.js';
import type { ComplainantInput } from './complainant-input.js';
import { ComplainantRecord } from './complainant-record.entity.js';
import type { Complainant } from './complainant.js';

/** Purposes of the keyed hashes: the same number hashes differently for each. */
export const MATCH = { phone: 'complainant.phone', idNumber: 'complainant.idNumber', creditCode: 'complainant.creditCode' } as const;

/** A complainant ready to store, and the keyed hashes under every configured key to match others by. */
export interface SealedComplainant {
  record: ComplainantRecord;
  matches: { phone: string[]; idNumber: string[]; creditCode: string[] };
}

/** Checks (BAD_USER_INPUT with `field`) and encrypts a complainant; nothing is written. */
export function sealComplainant(cipher: FieldCipher, complaintId: string, input: ComplainantInput): SealedComplainant {
  const complainant = readComplainant(input);
  const index = (value: string | null, purpose: string) => (value === null ? null : cipher.blindIndex(value, purpose));
  const indexes = (value: string | null, purpose: string) => (value === null ? [] : cipher.blindIndexes(value, purpose));
  return {
    record: {
      complaintId,
      keyId: cipher.keyId,
      sealed: cipher.encrypt(JSON.stringify(complainant), complaintId),
      phoneIndex: index(complainant.phone, MATCH.phone),
      idNumberIndex: index(complainant.idNumber, MATCH.idNumber),
      creditCodeIndex: index(complainant.enterpriseCreditCode, MATCH.creditCode),
    },
    matches: {
      phone: indexes(complainant.phone, MATCH.phone),
      idNumber: indexes(complainant.idNumber, MATCH.idNumber),
      creditCode: indexes(complainant.enterpriseCreditCode, MATCH.creditCode),
    },
  };
}

/** Decrypts a stored complainant; a missing or wrong key throws FieldCryptoError, never garbage. */
export function openComplainant(cipher: FieldCipher, record: ComplainantRecord): Complainant {
  return JSON.parse(cipher.decrypt(record.sealed, record.complaintId)) as Complainant;
}
