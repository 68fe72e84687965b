import { createDispatcher, type Dispatch } from '../../src-shared/api/dispatch';
import { createHandlers } from '../../src-shared/services/handlers';

/** A dispatcher over every service's handlers, as a host builds one (for the demo seed). */
export const allOperations = (): Dispatch => createDispatcher(createHandlers());
