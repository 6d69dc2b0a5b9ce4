import type { Person } from './person.entity.js';
import type { PersonContext } from './person.resolver.js';

export function resolvePersonReference(reference: Pick<Person, 'id'>, ctx: PersonContext): Promise<Person> {
  return ctx.people.get(ctx.caller, reference.id);
}
