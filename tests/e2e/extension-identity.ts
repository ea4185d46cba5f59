/**
 * Public key of test builds (`wxt build --mode e2e`) so the extension id is fixed and managed policy
 * can be addressed to it (TOOLCHAIN.md). The private key was thrown away: this identity cannot publish.
 */
export const TEST_EXTENSION_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA2Mh/k4khhmmtn6CQcU4uEC1QjL7eETVghlrbYmL9opU4dQ4OV14AQvgFOGGOPpswLbHswswQUU6neAvYRLgdyzFRxahmcIhFzb2c0WcWO04slQ/88TTkkX0pAAzrwq8YZef2JWhFRrhYrRCgZOcktbXhiYAqBgoQSlvi/YIPAr3DjeUNRHN+2irZs4+Fxwcsy0MDMMsxaviiVzxLHw8IG0oubikCTDS6J8mka46atrXVz+OP9XEbMedMAXUg02b6YWlf6wVPiub6S0oMKUSmhNuQ+9xh1wwmVRthk2P94Yhmt57BC43ScN1ZUn3i+/sQSuLmojefTeOuReb0ZYTO/QIDAQAB';

/** First 32 hex digits of SHA-256(key), 0-9a-f mapped to a-p. Checked by a unit test. */
export const TEST_EXTENSION_ID = 'mnhpccngjlhlinobahgjighafcicokdm';
