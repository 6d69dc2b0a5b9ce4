import type { Enterprise } from './enterprise.js';

/** Nothing to load: the protection is computed per field, with the caller's scope checked there. */
export function resolveEnterpriseReference(reference: Enterprise): Enterprise {
  return reference;
}
