/** What the console and the slip share: the 居委会 phone (kept in this browser). Times in words: lib/booking-words.ts. */
export const JWH_PHONE_KEY = "wt.jwh.phone";
