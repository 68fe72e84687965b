import { createDispatcher, type Dispatch } from '#shared/api/dispatch';
import { createHandlers } from '#shared/services/handlers';

/** A dispatcher over every service's handlers, as a host builds one (for the demo seed). */
export const allOperations = (): Dispatch => createDispatcher(createHandlers());
