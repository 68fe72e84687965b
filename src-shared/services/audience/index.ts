// What other services use from audience: import it from here, not from its files.
export { addToAudience, audienceMembers, isInAudience, readsAudience } from './audience-repo';
