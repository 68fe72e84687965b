// What other services use from rates: import it from here, not from its files.
export { loadCurrencyRates, putCurrencyRates } from './rates-service';
