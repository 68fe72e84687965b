// What other services use from demo: import it from here, not from its files.
export { seedDemo } from './seed-demo';
