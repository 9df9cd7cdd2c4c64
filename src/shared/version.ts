/** The app version shown in About and sent with exports; kept in step with package.json by a test. */
export const APP_VERSION = '0.1.0'
