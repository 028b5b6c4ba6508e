/** The Base URL of ChatCentral's hosted service (the credential's default). */
export const HOSTED_BASE_URL = 'https://chatcentral.orade.com/api';
